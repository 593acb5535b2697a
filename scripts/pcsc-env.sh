#!/usr/bin/env bash
# Starts and stops a private pcscd with vpcd readers for CardDesk, and the virtual cards in them.
#   pcsc-env.sh start DIR          pcscd with readers "Virtual PCD 00 00" (vpcd 35963), "Virtual PCD 00 01" (35964),
#                                  "CardDesk Reader B 00 00" (35965), "CardDesk Reader B 00 01" (35966)
#   pcsc-env.sh card DIR NAME PORT IMAGE [card options]   start carddesk-card (CARDDESK_CARD_BIN or PATH)
#   pcsc-env.sh stop DIR           stop the cards and the pcscd this script started (by PID), nothing else
set -euo pipefail

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|card|stop DIR ..." >&2; exit 2; }
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

driver=/usr/lib/pcsc/drivers/serial/libifdvpcd.so

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

case "$cmd" in
start)
    [ -f "$driver" ] || { echo "vpcd driver $driver missing: apt-get install vsmartcard-vpcd" >&2; exit 1; }
    if alive "$dir/pcscd.pid"; then
        echo "pcscd already running for $dir (PID $(cat "$dir/pcscd.pid"))"
        exit 0
    fi
    if [ -S /run/pcscd/pcscd.comm ] && pgrep -x pcscd >/dev/null; then
        echo "another pcscd is running (PID $(pgrep -x pcscd | tr '\n' ' ')); stop it first: it owns /run/pcscd" >&2
        exit 1
    fi
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
    pcscd -f -c "$dir/reader.conf.d" >"$dir/pcscd.log" 2>&1 &
    echo $! >"$dir/pcscd.pid"
    for _ in $(seq 1 50); do
        [ -S /run/pcscd/pcscd.comm ] && ss -ltn 2>/dev/null | grep -q ':35965 ' && break
        sleep 0.1
    done
    alive "$dir/pcscd.pid" || { echo "pcscd did not start:" >&2; cat "$dir/pcscd.log" >&2; exit 1; }
    echo "pcscd started (PID $(cat "$dir/pcscd.pid"))"
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
    echo "stopped what $dir started"
    ;;
*)
    echo "unknown command $cmd" >&2; exit 2 ;;
esac
