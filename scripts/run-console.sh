#!/usr/bin/env bash
# The console on a fresh Debian 12 machine: packages, build (the console, the CLI and the virtual card first), a
# virtual card (blank at first start) in the reader "Virtual PCD 00 00" of the system's pcscd or of a private one,
# SQLite in the user's data folder, then the console. Closing the console stops what this script started (by PID).
# Without a display the console runs under Xvfb, saves a screenshot and exits.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh"
if [ ! -x "$root/build/app/gui/carddesk" ]; then
    echo "build: the console, carddesk-cli and carddesk-card (3-5 minutes on 2 cores the first time;"
    echo "       scripts/run-tests.sh builds the tests and benchmarks as well)"
fi
"$root/scripts/build.sh" carddesk carddesk-cli carddesk-card carddesk-keystore

data=${XDG_DATA_HOME:-$HOME/.local/share}/CardDesk
"$root/scripts/virtual-card.sh" start
trap '"$root/scripts/virtual-card.sh" stop >/dev/null' EXIT

# The issuer's keys in a PKCS#11 token: the development SoftHSM2 token under the user's data folder (its own
# SOFTHSM2_CONF, never the system's token directory), made once with the published development keys; its PIN is
# published too (docs/keys.md). A production desk names its HSM's token and types its PIN.
if [ -z "${CARDDESK_KEYSTORE:-}" ]; then
    eval "$(CARDDESK_KEYSTORE_TOOL="$root/build/protocol/carddesk-keystore" "$root/scripts/dev-token.sh" "$data")"
    export CARDDESK_KEYSTORE="pkcs11:token=CardDesk%20development"
    export CARDDESK_TOKEN_PIN="${CARDDESK_TOKEN_PIN:-carddesk-dev-pin}"
fi
# The desk's one database: Database::defaultLocation() ($data/carddesk.sqlite), made on first use.
# The operator (docs/operators.md): unless CARDDESK_OPERATOR names one, the development admin — DEVELOPMENT ONLY,
# its password is published — made by `carddesk-cli operator init-dev` on a desk that has no operator yet.
if [ -z "${CARDDESK_OPERATOR:-}" ]; then
    if ! said=$("$root/build/app/cli/carddesk-cli" operator init-dev 2>&1 >/dev/null); then
        case "$said" in
        *"has operators already"*) ;;
        *) echo "$said" >&2 ;;
        esac
    fi
    export CARDDESK_OPERATOR=admin CARDDESK_OPERATOR_PASSWORD=carddesk-admin-dev
    echo "Operator: admin, the development operator (password carddesk-admin-dev: DEVELOPMENT ONLY)"
fi
console=("$root/build/app/gui/carddesk"
         --template "$root/resources/templates/standard-tv.json" "$@")
case " $* " in
*" --lang "*) ;;
*) echo "The console speaks Simplified Chinese first (English on an English system); for English: $0 --lang en" ;;
esac
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    "${console[@]}"
else
    shot="$data/console.png"
    echo "No display: the console runs under Xvfb, saves a screenshot and exits."
    xvfb-run -a -s "-screen 0 1600x1000x24" "${console[@]}" --screenshot "$shot"
    echo "Screenshot of the console with the card in the reader: $shot"
    echo "The virtual card stops with the console. To keep a card in \"Virtual PCD 00 00\" for opensc-tool and the"
    echo "other PC/SC tools: scripts/virtual-card.sh start (and scripts/virtual-card.sh stop when done)."
fi
