#!/usr/bin/env bash
# Refuses a test run that left tests out. A build without a dependency (no PC/SC, no PostgreSQL, no GUI) registers
# fewer tests and ctest passes all of them: only a list kept in the repository says what a full Debian 12 set-up
# runs. Every test in tests/expected-tests.txt must have run (passed or failed: failures are ctest's to report);
# skipped or absent ones are listed by name and by label, and so are tests that ran but are not listed (the list
# must follow the suite: scripts/update-expected-tests.sh, reviewed in the diff).
#   check-test-count.sh EXPECTED_LIST CTEST_JUNIT_XML      (the XML from ctest --output-junit)
set -euo pipefail
expected=${1:?expected list (tests/expected-tests.txt)}; junit=${2:?ctest --output-junit file}
[ -r "$expected" ] || { echo "check-test-count: no list $expected" >&2; exit 2; }
[ -r "$junit" ] || { echo "check-test-count: no ctest result $junit" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Names of the tests that ran: ctest writes one <testcase name=... status=run|fail|notrun|disabled> line each.
{ grep -o '<testcase name="[^"]*"[^>]*status="[^"]*"' "$junit" || true; } |
    sed -E 's/^<testcase name="([^"]*)".*status="([^"]*)"$/\1 \2/' >"$work/results"
awk '$2 == "run" || $2 == "fail" { print $1 }' "$work/results" | sort -u >"$work/ran"
grep -v '^[[:space:]]*\(#\|$\)' "$expected" | awk '{ print $1 }' | sort -u >"$work/expected"
# A test marked may-skip (it skips itself where the machine cannot host it) that reported a skip counts as run.
grep -v '^[[:space:]]*\(#\|$\)' "$expected" | awk '$3 == "may-skip" { print $1 }' | sort -u >"$work/mayskip"
awk '$2 == "notrun" { print $1 }' "$work/results" | sort -u | comm -12 - "$work/mayskip" >"$work/skipped"
if [ -s "$work/skipped" ]; then
    echo "check-test-count: skipped where this machine cannot host them (allowed): $(paste -sd ' ' "$work/skipped")"
    sort -u "$work/ran" "$work/skipped" -o "$work/ran"
fi
comm -23 "$work/expected" "$work/ran" >"$work/missing"
comm -13 "$work/expected" "$work/ran" >"$work/unlisted"
status=0
if [ -s "$work/missing" ]; then
    status=1
    echo "check-test-count: $(wc -l <"$work/missing") of $(wc -l <"$work/expected") expected tests did not run:" >&2
    while read -r name; do
        state=$(awk -v n="$name" '$1 == n { print $2 }' "$work/results")
        labels=$(awk -v n="$name" '$1 == n { print $2 }' "$expected")
        echo "  $name [${labels:-no label}] ${state:-absent from the run (not registered in this build?)}" >&2
    done <"$work/missing"
    # A whole label gone usually means a missing dependency at configure time.
    grep -v '^[[:space:]]*\(#\|$\)' "$expected" | awk '{ n = split($2, l, ";"); for (i = 1; i <= n; i++) print $1, l[i] }' |
        sort >"$work/labelled"
    awk '{ print $2 }' "$work/labelled" | sort -u >"$work/labels"
    while read -r label; do
        total=$(awk -v l="$label" '$2 == l' "$work/labelled" | wc -l)
        lost=$(awk -v l="$label" '$2 == l { print $1 }' "$work/labelled" | grep -cxFf "$work/missing" || true)
        [ "$lost" -gt 0 ] || continue
        note=""
        [ "$lost" -ne "$total" ] || note=" (all of them: was its dependency found at configure time?)"
        echo "  label $label: $lost of $total missing$note" >&2
    done <"$work/labels"
fi
if [ -s "$work/unlisted" ]; then
    status=1
    echo "check-test-count: tests ran that $expected does not list (scripts/update-expected-tests.sh):" >&2
    sed 's/^/  /' "$work/unlisted" >&2
fi
[ "$status" -ne 0 ] || echo "check-test-count: all $(wc -l <"$work/expected") expected tests ran"
exit $status
