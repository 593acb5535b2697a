#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: packages, build, then every test through ctest. ctest's
# `pcsc` fixture starts a private pcscd (and each test its own virtual cards) and stops them by PID.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh"
"$root/scripts/build.sh"
# Formatting is part of the suite: every C++ file follows .clang-format.
cmake --build "$root/build" --target check-format
cd "$root/build"
status=0
ctest --output-on-failure --timeout 600 "$@" || status=$?
# Whatever happened, nothing this run started stays behind.
"$root/scripts/pcsc-env.sh" stop "$root/build/pcsc-env" >/dev/null 2>&1 || true
exit $status
