#!/usr/bin/env bash
# Personalisation with keys in a PKCS#11 token (SoftHSM2) against the development key file, same run (issue 13).
# Makes a development token in a temporary folder (scripts/dev-token.sh), never the user's or the system's.
#   bench/run-perso-keys-bench.sh [--rounds N]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh" carddesk-bench-perso-keys carddesk-keystore >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
eval "$(CARDDESK_KEYSTORE_TOOL="$root/build/protocol/carddesk-keystore" "$root/scripts/dev-token.sh" "$work" 2>/dev/null)"
# The development passphrase and PIN are published (docs/keys.md).
CARDDESK_KEYSTORE_PASSPHRASE=carddesk-development CARDDESK_TOKEN_PIN=carddesk-dev-pin \
    "$root/build/bench/carddesk-bench-perso-keys" --keystore "$root/resources/keystores/development.cdks" \
    --token-uri "pkcs11:token=CardDesk%20development" --dir "$work" "$@"
