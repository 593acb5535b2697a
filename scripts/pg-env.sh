#!/usr/bin/env bash
# Starts and stops a private PostgreSQL server (Debian's) for the headend tests.
#   pg-env.sh start DIR   initdb and pg_ctl start on a free TCP port of 127.0.0.1; writes DIR/url
#                         (postgresql://postgres@127.0.0.1:PORT/postgres) for the tests
#   pg-env.sh stop DIR    stops the server this script started, by the PID in DIR/server.pid, removes its data
#   pg-env.sh restart DIR [--crash] [--down SECONDS]
#                         stops the server (--crash: an immediate shutdown, as a crash or power cut: clients are cut
#                         off and the next start replays the WAL), waits SECONDS (default 0) and starts it again on
#                         the same port with the same data: the fault the desks and the headend must ride out
# PostgreSQL refuses to run as root, so as root the server runs as the unprivileged user "postgres" (or nobody).
# That user cannot enter a checkout under /root (0700): its data and socket then live in a directory of its own
# under /var/tmp (named in DIR/datadir), and DIR keeps only the URL, the PID and copies of the logs.
set -euo pipefail

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop|restart DIR" >&2; exit 2; }
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "PostgreSQL server missing: apt-get install postgresql" >&2; exit 1; }

owner=""
if [ "$(id -u)" = 0 ]; then
    owner=postgres
    id -u postgres >/dev/null 2>&1 || owner=nobody
fi
as_owner() {
    if [ -n "$owner" ]; then runuser -u "$owner" -- "$@"; else "$@"; fi
}

# A free port: the first of a few random ones in 20000-32767 — below Linux's ephemeral range (32768-60999), where
# a client connection's own port could take it between this check and the server's bind — that no socket uses.
free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 12768))
        ss -Htan "sport = :$port" 2>/dev/null | grep -q . || { echo "$port"; return 0; }
    done
    echo "pg-env: no free TCP port found" >&2
    return 1
}

alive() { [ -f "$dir/server.pid" ] && kill -0 "$(cat "$dir/server.pid")" 2>/dev/null; }

case "$cmd" in
start)
    if alive; then
        echo "PostgreSQL already running for $dir (PID $(cat "$dir/server.pid"))"
        exit 0
    fi
    [ -f "$dir/datadir" ] && rm -rf --one-file-system "$(cat "$dir/datadir")"
    rm -rf "$dir/data" "$dir/url" "$dir/server.pid" "$dir/datadir"
    if [ -n "$owner" ]; then
        data=$(mktemp -d /var/tmp/carddesk-pg.XXXXXX)
        chown "$owner" "$data"
        echo "$data" >"$dir/datadir"
    else
        data="$dir"
    fi
    port=$(free_port)
    as_owner "$bin/initdb" -D "$data/data" -U postgres --auth=trust -E UTF8 --no-instructions >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$data/data" -l "$data/server.log" -w -t 60 \
        -o "-k $data -p $port -c listen_addresses=127.0.0.1" start >/dev/null ||
        { cat "$data/server.log" >&2; exit 1; }
    head -1 "$data/data/postmaster.pid" >"$dir/server.pid"
    echo "postgresql://postgres@127.0.0.1:$port/postgres" >"$dir/url"
    echo "PostgreSQL $(basename "$(dirname "$bin")") on 127.0.0.1:$port, data in $data/data (PID $(cat "$dir/server.pid"))"
    ;;
stop)
    data="$dir"
    [ -f "$dir/datadir" ] && data=$(cat "$dir/datadir")
    if alive; then
        pid=$(cat "$dir/server.pid")
        kill -INT "$pid" # fast shutdown: its checkpoint can take long on a loaded machine
        for _ in $(seq 1 300); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            echo "PostgreSQL (PID $pid) did not stop in 30 s: immediate shutdown" >&2
            kill -QUIT "$pid" 2>/dev/null || true
            for _ in $(seq 1 100); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.1
            done
        fi
        if kill -0 "$pid" 2>/dev/null; then
            echo "PostgreSQL (PID $pid) did not stop" >&2
            exit 1
        fi
        echo "PostgreSQL stopped (PID $pid)"
    else
        echo "no PostgreSQL running for $dir"
    fi
    [ "$data" != "$dir" ] && [ -f "$data/server.log" ] && cp "$data/server.log" "$dir/server.log"
    [ "$data" != "$dir" ] && rm -rf --one-file-system "$data"
    rm -f "$dir/server.pid" "$dir/url" "$dir/datadir"
    ;;
restart)
    shift 2
    mode=fast
    down=0
    while [ $# -gt 0 ]; do
        case "$1" in
        --crash) mode=immediate; shift ;;
        --down) down=$2; shift 2 ;;
        *) echo "usage: $0 restart DIR [--crash] [--down SECONDS]" >&2; exit 2 ;;
        esac
    done
    alive || { echo "no PostgreSQL running for $dir" >&2; exit 1; }
    data="$dir"
    [ -f "$dir/datadir" ] && data=$(cat "$dir/datadir")
    port=$(sed -E 's|.*:([0-9]+)/.*|\1|' "$dir/url")
    as_owner "$bin/pg_ctl" -D "$data/data" -m "$mode" -w -t 60 stop >/dev/null
    sleep "$down"
    as_owner "$bin/pg_ctl" -D "$data/data" -l "$data/server.log" -w -t 60 \
        -o "-k $data -p $port -c listen_addresses=127.0.0.1" start >/dev/null ||
        { cat "$data/server.log" >&2; exit 1; }
    head -1 "$data/data/postmaster.pid" >"$dir/server.pid"
    echo "PostgreSQL restarted ($mode) on 127.0.0.1:$port (PID $(cat "$dir/server.pid"))"
    ;;
*)
    echo "usage: $0 start|stop|restart DIR" >&2
    exit 2
    ;;
esac
