#!/usr/bin/env bash
# Finds plain comparisons of secrets-derived values (issue 16, "Secrets hunted"): a MAC, TAC, PIN, cryptogram or
# challenge compared with == / != or memcmp() leaks through its timing how many leading bytes matched, which turns
# a MAC check into an oracle. Such comparisons must use cdos::constantTimeEqual (CRYPTO_memcmp). Every hit is either
# fixed or listed, with the reason it is safe, in scripts/constant-time-allowlist.txt ("path | code | reason").
#   scripts/check-constant-time.sh        exit 1 and the offending lines when one is found
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
names='mac|Mac|MAC|tac|Tac|TAC|pin|Pin|PIN|cryptogram|Cryptogram|challenge|Challenge'
pattern="(?<!CRYPTO_)\\bmemcmp\\s*\\(|\\b\\w*($names)\\w*(\\(\\))?(\\.\\w+\\(\\))?\\s*(==|!=)\\s*(?!\\s*(0\\b|nullptr|std::nullopt))|(==|!=)\\s*(\\w+\\()?[\\w:.>-]*($names)\\w*\\b(?!\\s*\\()"
allow="$root/scripts/constant-time-allowlist.txt"
found=0
while IFS= read -r hit; do
    file=${hit%%:*}
    rest=${hit#*:}
    code=${rest#*:}
    code=$(echo "$code" | sed 's/^[[:space:]]*//')
    ok=0
    while IFS='|' read -r path snippet _; do
        path=$(echo "$path" | xargs)
        snippet=$(echo "$snippet" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
        [ -z "$path" ] && continue
        case "$path" in \#*) continue ;; esac
        if [ "$file" = "$path" ] && [[ "$code" == *"$snippet"* ]]; then ok=1; break; fi
    done <"$allow"
    if [ $ok = 0 ]; then
        echo "plain comparison of a secret-derived value: $hit" >&2
        found=1
    fi
done < <(grep -rnP --include=*.cpp --include=*.h "$pattern" card/src protocol/src protocol/token headend/src \
    headend/api gateway/src model/src cardio/src app | grep -vP 'size\(\)|\.empty\(\)|isEmpty\(\)|Length|length\b' || true)
if [ $found = 1 ]; then
    echo "use cdos::constantTimeEqual, or add the line to scripts/constant-time-allowlist.txt with why it is safe" >&2
    exit 1
fi
echo "no plain comparison of a MAC, TAC, PIN, cryptogram or challenge"
