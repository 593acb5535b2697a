#!/usr/bin/env bash
# Writes tests/expected-tests.txt from a full build (every dependency of scripts/deps.sh present): the tests ctest
# registers, each with its labels. The diff is the review: a line that goes away is a test the suite no longer runs.
#   update-expected-tests.sh [BUILD_DIR]      (default build/)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
cd "$build"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
names() { ctest -N "$@" | sed -n -E 's/^ *Test +#[0-9]+: +([^ ]+).*$/\1/p'; }
names | sort -u >"$work/names"
: >"$work/labelled"
for label in $(ctest --print-labels | sed -n 's/^  //p'); do
    names -L "^${label}\$" | sed "s/\$/ $label/" >>"$work/labelled"
done
# Tests with a SKIP_RETURN_CODE skip themselves where the machine cannot host them (setup_system_pcscd needs private
# namespaces, which a chroot lacks): marked "may-skip", their skip is accepted, their absence is not.
ctest --show-only=json-v1 | python3 -c '
import json, sys
for t in json.load(sys.stdin)["tests"]:
    if any(p.get("name") == "SKIP_RETURN_CODE" for p in t.get("properties", [])):
        print(t["name"])' >"$work/mayskip"
{
    echo "# Tests a full Debian 12 set-up runs (scripts/run-tests.sh refuses a run without one of them)."
    echo "# Written by scripts/update-expected-tests.sh: name, labels, and may-skip for a test that may skip itself."
    while read -r name; do
        labels=$(awk -v n="$name" '$1 == n { print $2 }' "$work/labelled" | sort | paste -sd ';')
        if grep -qxF "$name" "$work/mayskip"; then
            echo "$name ${labels:--} may-skip"
        else
            echo "$name ${labels:--}"
        fi
    done <"$work/names"
} >"$root/tests/expected-tests.txt"
echo "update-expected-tests: $(wc -l <"$work/names") tests in tests/expected-tests.txt"
