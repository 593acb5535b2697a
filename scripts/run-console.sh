#!/usr/bin/env bash
# The console on a fresh Debian 12 machine: packages, build, a private pcscd with the vpcd reader
# "Virtual PCD 00 00", a virtual card (blank at first start) in it, SQLite in the user's data folder, then the
# console. Closing the console stops the card and pcscd again (by PID).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh"
"$root/scripts/build.sh"

data=${XDG_DATA_HOME:-$HOME/.local/share}/CardDesk
mkdir -p "$data/cards"
env_dir="$data/pcsc-env"
"$root/scripts/pcsc-env.sh" start "$env_dir"
trap '"$root/scripts/pcsc-env.sh" stop "$env_dir"' EXIT
CARDDESK_CARD_BIN="$root/build/card/carddesk-card" \
    "$root/scripts/pcsc-env.sh" card "$env_dir" 1 35963 "$data/cards/card-1.img"

# The development key store's passphrase is published (docs/keys.md); a production desk types its own.
export CARDDESK_KEYSTORE="${CARDDESK_KEYSTORE:-$root/resources/keystores/development.cdks}"
export CARDDESK_KEYSTORE_PASSPHRASE="${CARDDESK_KEYSTORE_PASSPHRASE:-carddesk-development}"
console=("$root/build/app/gui/carddesk" --database "$data/carddesk.sqlite"
         --template "$root/resources/templates/standard-tv.json" "$@")
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    "${console[@]}"
else
    echo "No display: running the console under Xvfb; a screenshot goes to $data/console.png"
    xvfb-run -a -s "-screen 0 1600x1000x24" "${console[@]}" --screenshot "$data/console.png"
fi
