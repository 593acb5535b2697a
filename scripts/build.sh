#!/usr/bin/env bash
# Configures and builds CardDesk into build/ (Release with debug info, Ninja).
#   build.sh                 everything: programs, tests, benchmarks (7-12 minutes on 2 cores the first time)
#   build.sh TARGET...       only these targets and what they need
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
started=$(date +%s)
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$root/build-configure.log" 2>&1 ||
    { cat "$root/build-configure.log" >&2; exit 1; }
mv -f "$root/build-configure.log" "$root/build/configure.log"
targets=()
for t in "$@"; do targets+=(--target "$t"); done
# Ninja prints [done/total] before each step: that is the progress.
cmake --build "$root/build" --parallel "$(nproc)" "${targets[@]}"
echo "build: done in $(( $(date +%s) - started )) s${*:+ (targets: $*)}"
