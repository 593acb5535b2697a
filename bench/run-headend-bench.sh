#!/usr/bin/env bash
# Headend throughput with N concurrent synthetic terminals: on a private PostgreSQL server (Debian's, default
# durability: fsync on, synchronous_commit on) against `pgbench -b tpcb-like` on the same server in the same run,
# then on SQLite. Build first (targets carddesk-bench-headend, carddesk-headend), then
#   bench/run-headend-bench.sh [--terminals N] [--seconds S]
# BUILD_DIR picks the build tree. Needs no pcscd (the cards are emulated in process).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
b="${BUILD_DIR:-$root/build}"
pg_dir=$(mktemp -d /tmp/carddesk-bench-pg.XXXXXX)
trap '"$root/scripts/pg-env.sh" stop "$pg_dir" >/dev/null; rm -rf "$pg_dir"' EXIT
"$root/scripts/pg-env.sh" start "$pg_dir" >/dev/null
url=$(cat "$pg_dir/url")
pgbench=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | sort -V | tail -1)
bench="$b/bench/carddesk-bench-headend"
common=(--headend-bin "$b/headend/carddesk-headend" --keystore "$root/resources/keystores/development.cdks")
"$bench" "${common[@]}" --database "$url" --pgbench "$pgbench" "$@"
"$bench" "${common[@]}" "$@"
