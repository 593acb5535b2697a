#!/usr/bin/env bash
# Application download benchmark against a private pcscd: build first (BUILD defaults to build/), then run this.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
b="${BUILD:-$root/build}"
env_dir="$b/bench-appdl-env"
"$root/scripts/pcsc-env.sh" start "$env_dir"
trap '"$root/scripts/pcsc-env.sh" stop "$env_dir" >/dev/null' EXIT
"$b/bench/carddesk-bench-appdl" --card-bin "$b/card/carddesk-card" --source "$root" \
    --keystore "$root/resources/keystores/development.cdks" "$@"
