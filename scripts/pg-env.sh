#!/usr/bin/env bash
# Starts and stops a private PostgreSQL server (Debian's) for the headend tests.
#   pg-env.sh start DIR   initdb in DIR/data (as the unprivileged user "postgres" when run as root), pg_ctl start on
#                         a unix socket in DIR and a free TCP port on 127.0.0.1; writes DIR/url
#                         (postgresql://postgres@127.0.0.1:PORT/postgres) for the tests
#   pg-env.sh stop DIR    stops the server this script started, by the PID in DIR/server.pid, nothing else
set -euo pipefail

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "PostgreSQL server missing: apt-get install postgresql" >&2; exit 1; }

# PostgreSQL refuses to run as root: as root, the server runs as "postgres" (or nobody) and owns DIR.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        local user=postgres
        id -u postgres >/dev/null 2>&1 || user=nobody
        chown -R "$user" "$dir"
        runuser -u "$user" -- "$@"
    else
        "$@"
    fi
}

alive() { [ -f "$dir/server.pid" ] && kill -0 "$(cat "$dir/server.pid")" 2>/dev/null; }

case "$cmd" in
start)
    if alive; then
        echo "PostgreSQL already running for $dir (PID $(cat "$dir/server.pid"))"
        exit 0
    fi
    rm -rf "$dir/data" "$dir/url" "$dir/server.pid"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-instructions >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-k $dir -p $port -c listen_addresses=127.0.0.1" start >/dev/null ||
        { cat "$dir/server.log" >&2; exit 1; }
    head -1 "$dir/data/postmaster.pid" >"$dir/server.pid"
    echo "postgresql://postgres@127.0.0.1:$port/postgres" >"$dir/url"
    echo "PostgreSQL $(basename "$(dirname "$bin")") on 127.0.0.1:$port and $dir (PID $(cat "$dir/server.pid"))"
    ;;
stop)
    if ! alive; then
        echo "no PostgreSQL running for $dir"
        exit 0
    fi
    pid=$(cat "$dir/server.pid")
    kill -INT "$pid" # fast shutdown
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "PostgreSQL (PID $pid) did not stop in 10 s" >&2
        exit 1
    fi
    rm -f "$dir/server.pid" "$dir/url"
    echo "PostgreSQL stopped (PID $pid)"
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
