#!/usr/bin/env bash
# scripts/check-test-count.sh refuses what it is there to refuse: fed ctest results (JUnit, as ctest writes them)
# for a made-up list, it passes a complete run and fails one where a test was skipped, one where a test was never
# registered (a build option dropped it, naming its label), and one with a test the list does not know.
#   test-check-test-count.sh SOURCE_DIR
set -euo pipefail
src=${1:?source dir}
check=$src/scripts/check-test-count.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/expected.txt" <<'LIST'
# made-up suite
pcsc_env_start pcsc
test_card_a card;pcsc
test_card_b card;pcsc
test_unit_c unit
LIST
# junit FILE NAME:STATUS...: a ctest --output-junit file with these test cases.
junit() {
    local out=$1 t
    shift
    {
        echo '<?xml version="1.0" encoding="UTF-8"?>'
        echo "<testsuite name=\"(empty)\" tests=\"$#\" failures=\"0\" disabled=\"0\" skipped=\"0\">"
        for t in "$@"; do
            printf '\t<testcase name="%s" classname="%s" time="0.1" status="%s">\n\t</testcase>\n' \
                "${t%%:*}" "${t%%:*}" "${t#*:}"
        done
        echo '</testsuite>'
    } >"$out"
}
fail() { echo "FAIL: $*"; exit 1; }
# expect_refused NAME WORD...: the check fails and its report names each WORD.
expect_refused() {
    local case=$1 word
    shift
    if "$check" "$work/expected.txt" "$work/$case.xml" >"$work/$case.out" 2>&1; then
        cat "$work/$case.out"
        fail "$case: accepted"
    fi
    for word in "$@"; do
        grep -qF -- "$word" "$work/$case.out" || { cat "$work/$case.out"; fail "$case: report does not say '$word'"; }
    done
    echo "ok: $case refused"
}
junit "$work/complete.xml" pcsc_env_start:run test_card_a:run test_card_b:fail test_unit_c:run
"$check" "$work/expected.txt" "$work/complete.xml" || fail "a complete run (one test failed, but ran) was refused"
echo "ok: complete run accepted"
junit "$work/skipped.xml" pcsc_env_start:run test_card_a:run test_card_b:notrun test_unit_c:run
expect_refused skipped "test_card_b" "notrun"
junit "$work/no-pcsc.xml" test_unit_c:run
expect_refused no-pcsc "test_card_a" "test_card_b" "pcsc_env_start" "label pcsc: 3 of 3 missing" "all of them"
junit "$work/unlisted.xml" pcsc_env_start:run test_card_a:run test_card_b:run test_unit_c:run test_new_d:run
expect_refused unlisted "test_new_d" "update-expected-tests.sh"
junit "$work/empty.xml"
expect_refused empty "4 of 4"
"$check" "$work/expected.txt" "$work/absent.xml" >/dev/null 2>&1 && fail "no result file accepted"
echo "ok: no result file refused"
