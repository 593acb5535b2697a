#!/usr/bin/env bash
# Starts and stops a private pcscd with vpcd readers for CardDesk, and the virtual cards in them.
#   pcsc-env.sh start DIR          pcscd with readers "Virtual PCD 00 00" (vpcd 35963), "Virtual PCD 00 01" (35964),
#                                  "CardDesk Reader B 00 00" (35965), "CardDesk Reader B 00 01" (35966)
#   pcsc-env.sh start DIR --join-system
#                                  the same, but where the machine already runs a pcscd (systemd's socket-activated
#                                  pcscd.socket, or any pcscd owning /run/pcscd/pcscd.comm) use that one: Debian's
#                                  vsmartcard-vpcd gives it "Virtual PCD 00 00" on vpcd port 35963. Never replaces,
#                                  stops or removes the system's socket.
#   pcsc-env.sh card DIR NAME PORT IMAGE [card options]   start carddesk-card (CARDDESK_CARD_BIN or PATH)
#   pcsc-env.sh hopper DIR NAME PORT HOPPERDIR [card options]
#                                  start carddesk-card --hopper HOPPERDIR (an input hopper of cards, card/README.md
#                                  "Input hopper"), e.g. with --hopper-blank 10
#   pcsc-env.sh restart DIR [--kill] [--down SECONDS]
#                                  stops the pcscd this script started (--kill: SIGKILL, as a crash: its clients get
#                                  no goodbye), waits SECONDS (default 0) and starts it again with the same readers on
#                                  the same socket and vpcd ports; the cards reconnect by themselves (issue 16). Never
#                                  a system pcscd (--join-system): refused.
#   pcsc-env.sh stop DIR           stop the cards and the pcscd this script started (by PID), nothing else
set -euo pipefail

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|card|hopper|restart|stop DIR ..." >&2; exit 2; }
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

driver=/usr/lib/pcsc/drivers/serial/libifdvpcd.so

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

socket=/run/pcscd/pcscd.comm
# Whether a pcscd other than ours answers on $socket: some process (pcscd, or systemd holding pcscd.socket for
# socket activation) listens on it in this network namespace.
system_pcscd() {
    [ -S "$socket" ] && ss -Hxl 2>/dev/null | awk '{print $5}' | grep -qxF "$socket"
}

# Starts pcscd with the readers of $dir/reader.conf.d (made by `start`) and waits for its socket and vpcd ports.
launch() {
    pcscd -f -c "$dir/reader.conf.d" </dev/null >"$dir/pcscd.log" 2>&1 &
    echo $! >"$dir/pcscd.pid"
    for _ in $(seq 1 50); do
        [ -S "$socket" ] && ss -ltn 2>/dev/null | grep -q ':35965 ' && break
        sleep 0.1
    done
    alive "$dir/pcscd.pid" || { echo "pcscd did not start:" >&2; cat "$dir/pcscd.log" >&2; exit 1; }
    echo "pcscd started (PID $(cat "$dir/pcscd.pid"))"
}

case "$cmd" in
start)
    [ -f "$driver" ] || { echo "vpcd driver $driver missing: apt-get install vsmartcard-vpcd" >&2; exit 1; }
    join=0
    [ "${3:-}" = --join-system ] && join=1
    if alive "$dir/pcscd.pid"; then
        echo "pcscd already running for $dir (PID $(cat "$dir/pcscd.pid"))"
        exit 0
    fi
    rm -f "$dir/system"
    if system_pcscd; then
        if [ $join -eq 1 ]; then
            [ -f /etc/reader.conf.d/vpcd ] ||
                { echo "the system's pcscd has no vpcd reader: apt-get install vsmartcard-vpcd" >&2; exit 1; }
            touch "$dir/system"
            echo "using the system's pcscd ($socket) and its vpcd reader \"Virtual PCD 00 00\" (port 35963)"
            exit 0
        fi
        echo "the system's pcscd owns $socket; a private pcscd would take its socket. Run the tests in their own" >&2
        echo "namespaces (scripts/run-tests.sh, scripts/isolated.sh) or pass --join-system to use the system's." >&2
        exit 1
    fi
    [ -e "$socket" ] && { echo "removing the stale socket $socket (no pcscd answers on it)"; rm -f "$socket"; }
    mkdir -p "$dir/reader.conf.d"
    # Two readers sharing one .so deadlock pcscd: the second driver entry uses its own copy.
    cp "$driver" "$dir/libifdvpcd-b.so"
    cat > "$dir/reader.conf.d/vpcd" <<CONF
FRIENDLYNAME "Virtual PCD"
DEVICENAME   /dev/null:0x8C7B
LIBPATH      $driver
CHANNELID    0x8C7B
CONF
    cat > "$dir/reader.conf.d/vpcd-b" <<CONF
FRIENDLYNAME "CardDesk Reader B"
DEVICENAME   /dev/null:35965
LIBPATH      $dir/libifdvpcd-b.so
CHANNELID    35965
CONF
    launch
    ;;
restart)
    shift 2
    signal=TERM
    down=0
    while [ $# -gt 0 ]; do
        case "$1" in
        --kill) signal=KILL; shift ;;
        --down) down=${2:?seconds}; shift 2 ;;
        *) echo "usage: $0 restart DIR [--kill] [--down SECONDS]" >&2; exit 2 ;;
        esac
    done
    [ -f "$dir/system" ] && { echo "$dir uses the system's pcscd: not restarting it" >&2; exit 1; }
    alive "$dir/pcscd.pid" || { echo "no pcscd running for $dir" >&2; exit 1; }
    pid=$(cat "$dir/pcscd.pid")
    kill "-$signal" "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && { echo "pcscd (PID $pid) did not stop" >&2; exit 1; }
    cat "$dir/pcscd.log" >>"$dir/pcscd-before-restart.log" 2>/dev/null || true
    # A killed pcscd leaves its socket and PID file behind; ours is dead, so they are stale (unless another pcscd
    # took the socket meanwhile: never removed from under it).
    system_pcscd && { echo "another pcscd answers on $socket: not starting ours" >&2; exit 1; }
    rm -f "$socket" /run/pcscd/pcscd.pid
    echo "pcscd (PID $pid) stopped with SIG$signal"
    sleep "$down"
    launch
    ;;
card)
    name=${3:?card name}; port=${4:?port}; image=${5:?image}
    shift 5
    bin=${CARDDESK_CARD_BIN:-$(command -v carddesk-card || true)}
    [ -x "$bin" ] || { echo "carddesk-card not found (set CARDDESK_CARD_BIN)" >&2; exit 1; }
    alive "$dir/card-$name.pid" && { echo "card $name already running"; exit 0; }
    "$bin" --image "$image" --port "$port" "$@" >"$dir/card-$name.log" 2>&1 &
    echo $! >"$dir/card-$name.pid"
    echo "card $name started (PID $(cat "$dir/card-$name.pid")) on vpcd port $port, image $image"
    ;;
hopper)
    # The same PID file as a card's (card-NAME.pid): `stop` ends it with the cards.
    name=${3:?hopper name}; port=${4:?port}; hopperdir=${5:?hopper folder}
    shift 5
    bin=${CARDDESK_CARD_BIN:-$(command -v carddesk-card || true)}
    [ -x "$bin" ] || { echo "carddesk-card not found (set CARDDESK_CARD_BIN)" >&2; exit 1; }
    alive "$dir/card-$name.pid" && { echo "card $name already running"; exit 0; }
    "$bin" --hopper "$hopperdir" --port "$port" "$@" >"$dir/card-$name.log" 2>&1 &
    echo $! >"$dir/card-$name.pid"
    echo "hopper $name started (PID $(cat "$dir/card-$name.pid")) on vpcd port $port, folder $hopperdir"
    ;;
stop)
    for pidfile in "$dir"/card-*.pid "$dir/pcscd.pid"; do
        [ -f "$pidfile" ] || continue
        pid=$(cat "$pidfile")
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
        fi
        rm -f "$pidfile"
    done
    rm -f "$dir/system"
    echo "stopped what $dir started"
    ;;
*)
    echo "unknown command $cmd" >&2; exit 2 ;;
esac
