#!/usr/bin/env bash
# Runs the PC/SC benchmarks against a private pcscd: scripts/build.sh first, then bench/run-pcsc-bench.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
b="$root/build"
env_dir="$b/bench-pcsc-env"
"$root/scripts/pcsc-env.sh" start "$env_dir"
trap '"$root/scripts/pcsc-env.sh" stop "$env_dir" >/dev/null' EXIT
"$b/bench/carddesk-bench-pcsc" --card-bin "$b/card/carddesk-card" --echo-bin "$b/bench/carddesk-echo-card" \
    --keystore "$root/resources/keystores/development.cdks" "$@"
