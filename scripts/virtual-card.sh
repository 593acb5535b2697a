#!/usr/bin/env bash
# A CardDesk virtual card in the reader "Virtual PCD 00 00", for the console and for any PC/SC program
# (opensc-tool, scriptor, pcsc_scan). Uses the system's pcscd where the machine runs one (systemd's pcscd.socket,
# with Debian's vsmartcard-vpcd reader on port 35963); otherwise starts a private pcscd. Stays running until stop.
#   virtual-card.sh start     card image ~/.local/share/CardDesk/cards/card-1.img (blank at first start)
#   virtual-card.sh stop      stops the card and the pcscd that start started (by PID), nothing else
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}/CardDesk
env_dir="$data/pcsc-env"
reader="Virtual PCD 00 00"
case "${1:-}" in
start)
    bin=${CARDDESK_CARD_BIN:-$root/build/card/carddesk-card}
    [ -x "$bin" ] || { echo "virtual-card: $bin not built (scripts/build.sh carddesk-card)" >&2; exit 1; }
    mkdir -p "$data/cards"
    "$root/scripts/pcsc-env.sh" start "$env_dir" --join-system
    CARDDESK_CARD_BIN="$bin" "$root/scripts/pcsc-env.sh" card "$env_dir" 1 35963 "$data/cards/card-1.img"
    # The card is in the reader once pcscd reads its ATR (a socket-activated pcscd starts on this first request).
    for _ in $(seq 1 100); do
        atr=$(opensc-tool -r "$reader" -a 2>/dev/null | grep -E '^[0-9a-f]{2}(:[0-9a-f]{2})+$' || true)
        [ -n "$atr" ] && break
        sleep 0.2
    done
    if [ -z "$atr" ]; then
        echo "virtual-card: no card in \"$reader\" after 20 s; readers seen:" >&2
        opensc-tool -l >&2 || true
        [ -f "$env_dir/system" ] &&
            echo "the system's pcscd may predate vsmartcard-vpcd: sudo systemctl restart pcscd, then try again" >&2
        "$root/scripts/pcsc-env.sh" stop "$env_dir" >/dev/null
        exit 1
    fi
    echo "virtual card in \"$reader\" (ATR $atr); stop it with: scripts/virtual-card.sh stop"
    ;;
stop)
    "$root/scripts/pcsc-env.sh" stop "$env_dir"
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
