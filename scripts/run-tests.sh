#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: packages, build, then every test through ctest. The tests run
# in private mount and network namespaces (scripts/isolated.sh): their pcscd, vpcd ports and PostgreSQL never meet
# the machine's own (a system pcscd on /run/pcscd, Debian's vpcd reader on port 35963), and nothing is left behind.
# ctest's `pcsc` fixture starts the private pcscd (each test its own virtual cards) and stops them by PID.
# Namespaces need root: as another user, the ctest step runs through sudo.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh"
"$root/scripts/build.sh"
# Formatting is part of the suite: every C++ file follows .clang-format.
cmake --build "$root/build" --target check-format
cd "$root/build"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo --preserve-env=PATH,HOME"
status=0
junit=$root/build/Testing/run-tests-junit.xml
rm -f "$junit"
$SUDO "$root/scripts/isolated.sh" ctest --output-on-failure --timeout 600 --output-junit "$junit" "$@" || status=$?
"$root/scripts/pcsc-env.sh" stop "$root/build/pcsc-env" >/dev/null 2>&1 || true
"$root/scripts/pg-env.sh" stop "$root/build/pg-env" >/dev/null 2>&1 || true
# The fuzz corpora replayed once under ASan + UBSan (docs/fuzzing.md), so that a bug a fuzzer found stays fixed: a
# second, small clang build (build-fuzz/) of the Qt-free libraries only; part of a whole run like the count below.
if [ $# -eq 0 ]; then
    "$root/scripts/run-fuzz.sh" --replay || status=1
fi
# A green run proves nothing if tests are missing (a dependency absent at configure time drops whole labels): every
# test of tests/expected-tests.txt must have run. Only a whole run is checked; ctest options narrow it on purpose.
if [ $# -eq 0 ]; then
    "$root/scripts/check-test-count.sh" "$root/tests/expected-tests.txt" "$junit" || status=1
else
    echo "run-tests: ctest options given ($*): not checking that every expected test ran" >&2
fi
exit $status
