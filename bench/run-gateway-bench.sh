#!/usr/bin/env bash
# Runs the gateway payment benchmark against a private pcscd: build first (targets carddesk-bench-gateway,
# carddesk-card, carddesk-headend), then bench/run-gateway-bench.sh [--runs N]. BUILD_DIR picks the build tree.
# Wrap it in scripts/isolated.sh when other PC/SC runs share the machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
b="${BUILD_DIR:-$root/build}"
env_dir="$b/bench-gateway-env"
"$root/scripts/pcsc-env.sh" start "$env_dir"
trap '"$root/scripts/pcsc-env.sh" stop "$env_dir" >/dev/null' EXIT
"$b/bench/carddesk-bench-gateway" --card-bin "$b/card/carddesk-card" --headend-bin "$b/headend/carddesk-headend" \
    --keystore "$root/resources/keystores/development.cdks" "$@"
