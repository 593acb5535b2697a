#!/usr/bin/env bash
# Runs the ECM benchmark against a private pcscd: build first, then bench/run-ecm-bench.sh [--rounds N]
# [--repeats N]. BUILD_DIR picks the build tree (default: build); the card image goes on disk in the build tree
# (IMAGE_DIR overrides: use a real disk, not tmpfs) and then, for comparison, in /dev/shm.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
b="${BUILD_DIR:-$root/build}"
env_dir="$b/bench-ecm-env"
"$root/scripts/pcsc-env.sh" start "$env_dir"
trap '"$root/scripts/pcsc-env.sh" stop "$env_dir" >/dev/null' EXIT
"$b/bench/carddesk-bench-ecm" --card-bin "$b/card/carddesk-card" \
    --keystore "$root/resources/keystores/development.cdks" --image-dir "${IMAGE_DIR:-$b}" "$@"
