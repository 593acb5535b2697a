#!/usr/bin/env bash
# Runs the e-purse benchmark against a private pcscd: build first, then bench/run-epurse-bench.sh [options].
# BUILD_DIR picks the build tree (default: build). Card images go to /dev/shm unless --image-dir says otherwise.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
b="${BUILD_DIR:-$root/build}"
env_dir="$b/bench-epurse-env"
"$root/scripts/pcsc-env.sh" start "$env_dir"
trap '"$root/scripts/pcsc-env.sh" stop "$env_dir" >/dev/null' EXIT
"$b/bench/carddesk-bench-epurse" --card-bin "$b/card/carddesk-card" --echo-bin "$b/bench/carddesk-echo-card" \
    --keystore "$root/resources/keystores/development.cdks" "$@"
