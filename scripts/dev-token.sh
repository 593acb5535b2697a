#!/usr/bin/env bash
# The development PKCS#11 token: SoftHSM2 with the published development keys (docs/keys.md, "Keys in a PKCS#11
# token"). DEVELOPMENT ONLY — its PINs and keys are published; a production desk uses its HSM's token.
#   dev-token.sh DATA_DIR   makes (once) DATA_DIR/softhsm/softhsm2.conf with the token directory DATA_DIR/softhsm/tokens
#                           (never the system's /var/lib/softhsm), the token "CardDesk development" in it, and imports
#                           resources/keystores/development-keys.txt (keys already there are left as they are).
# Running it again changes nothing. Its one line on stdout is the variable the programs need:
#   eval "$(scripts/dev-token.sh ~/.local/share/CardDesk)"   # export SOFTHSM2_CONF=…
# Development PINs: user PIN carddesk-dev-pin (CARDDESK_TOKEN_PIN), SO PIN carddesk-dev-so-pin.
# carddesk-keystore: $CARDDESK_KEYSTORE_TOOL, else build/protocol/carddesk-keystore (built when missing).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -eq 1 ] || { echo "usage: $0 DATA_DIR" >&2; exit 2; }

label="CardDesk development"
so_pin=carddesk-dev-so-pin
user_pin=carddesk-dev-pin
module=${CARDDESK_PKCS11_MODULE:-/usr/lib/softhsm/libsofthsm2.so}
if [ ! -e "$module" ] || ! command -v softhsm2-util >/dev/null; then
    echo "dev-token: SoftHSM2 missing (scripts/deps.sh installs softhsm2)" >&2
    exit 1
fi

mkdir -p "$1/softhsm/tokens"
chmod 700 "$1/softhsm" "$1/softhsm/tokens"
dir=$(cd "$1/softhsm" && pwd)
conf="$dir/softhsm2.conf"
if [ ! -f "$conf" ]; then
    cat >"$conf" <<CONF
# CardDesk development token (scripts/dev-token.sh): DEVELOPMENT ONLY.
directories.tokendir = $dir/tokens
objectstore.backend = file
log.level = ERROR
slots.removable = false
CONF
fi
export SOFTHSM2_CONF="$conf"

if ! softhsm2-util --show-slots 2>/dev/null | grep -Eq "^[[:space:]]*Label:[[:space:]]*$label[[:space:]]*\$"; then
    # The development PINs are published (docs/keys.md): on this command line they give nothing away.
    softhsm2-util --init-token --free --label "$label" --so-pin "$so_pin" --pin "$user_pin" >&2
fi

tool=${CARDDESK_KEYSTORE_TOOL:-$root/build/protocol/carddesk-keystore}
if [ ! -x "$tool" ]; then
    "$root/scripts/build.sh" carddesk-keystore >&2
fi
CARDDESK_TOKEN_PIN="$user_pin" "$tool" token-import-clear --module "$module" --token "$label" \
    "$root/resources/keystores/development-keys.txt" >&2

echo "export SOFTHSM2_CONF=$(printf %q "$conf")"
