#!/usr/bin/env bash
# Hostile clients against the real headend (issue 16): honest terminals' latency unloaded and under each attack
# (slow heads and handshakes, 10 000 idle TLS connections, silent TCP, huge heads and bodies, TLS garbage, a flood
# from one address), the headend's resident memory, and whether it lived. Build first (targets
# carddesk-bench-headend-hostile, carddesk-headend), then
#   bench/run-headend-hostile-bench.sh [--postgres] [--seconds S] [--idle N] [--attacks a,b] …
# BUILD_DIR picks the build tree. Loopback only; needs no pcscd (the cards are emulated in process).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
b="${BUILD_DIR:-$root/build}"
args=()
if [ "${1:-}" = --postgres ]; then
    shift
    pg_dir=$(mktemp -d /tmp/carddesk-bench-pg.XXXXXX)
    trap '"$root/scripts/pg-env.sh" stop "$pg_dir" >/dev/null; rm -rf "$pg_dir"' EXIT
    "$root/scripts/pg-env.sh" start "$pg_dir" >/dev/null
    args+=(--database "$(cat "$pg_dir/url")")
fi
exec "$b/bench/carddesk-bench-headend-hostile" --headend-bin "$b/headend/carddesk-headend" \
    --keystore "$root/resources/keystores/development.cdks" "${args[@]}" "$@"
