#!/usr/bin/env bash
# The console's virtual reader beside the machine's own pcscd. In private mount and network namespaces, a "system"
# pcscd is socket-activated on /run/pcscd/pcscd.comm the way systemd's pcscd.socket does it (systemd-socket-activate
# runs Debian's `pcscd --foreground --auto-exit` on the first client, reading /etc/reader.conf.d with the
# vsmartcard-vpcd entry). Then:
#   1. the tests' private pcscd (pcsc-env.sh start) refuses to start and leaves the system's socket alone;
#   2. scripts/virtual-card.sh start joins the system's pcscd: the card answers in "Virtual PCD 00 00";
#   3. scripts/virtual-card.sh stop stops only the card: the system's pcscd still answers on its socket.
#   test-system-pcscd.sh SOURCE_DIR CARD_BIN
set -euo pipefail
src=${1:?source dir}; card_bin=${2:?carddesk-card}
if [ -z "${CARDDESK_SYSTEM_PCSCD_NS:-}" ]; then
    [ "$(id -u)" = 0 ] || { echo "SKIP: needs root for its own namespaces"; exit 77; }
    unshare --mount --net true 2>/dev/null || { echo "SKIP: no private namespaces here (chroot or container)"; exit 77; }
    exec env CARDDESK_SYSTEM_PCSCD_NS=1 unshare --mount --net bash "$0" "$@"
fi
ip link set lo up
mkdir -p /run/pcscd
mount -t tmpfs tmpfs /run/pcscd
work=$(mktemp -d)
activator=""
cleanup() {
    [ -n "$activator" ] && kill "$activator" 2>/dev/null
    for p in /proc/[0-9]*; do # the system pcscd of this namespace only (the activator exec'ed into it)
        [ "$(cat "$p/comm" 2>/dev/null)" = pcscd ] && [ "$(readlink "$p/ns/net")" = "$(readlink /proc/$$/ns/net)" ] &&
            kill "${p#/proc/}" 2>/dev/null
    done
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
socket=/run/pcscd/pcscd.comm
reader="Virtual PCD 00 00"

systemd-socket-activate -l "$socket" /usr/sbin/pcscd --foreground --auto-exit >"$work/system-pcscd.log" 2>&1 &
activator=$!
for _ in $(seq 1 50); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] || fail "the socket-activated pcscd did not listen"

echo "1. a private pcscd must not take the system's socket"
if "$src/scripts/pcsc-env.sh" start "$work/private" >"$work/private.log" 2>&1; then
    "$src/scripts/pcsc-env.sh" stop "$work/private" >/dev/null
    fail "pcsc-env.sh start ran a private pcscd beside the system's"
fi
grep -q "system's pcscd owns" "$work/private.log" || fail "no clear refusal: $(cat "$work/private.log")"
[ -S "$socket" ] || fail "the system's socket is gone"

echo "2. the virtual card joins the system's pcscd"
export XDG_DATA_HOME="$work/data"
CARDDESK_CARD_BIN="$card_bin" "$src/scripts/virtual-card.sh" start || fail "virtual-card.sh start"
[ -f "$work/data/CardDesk/pcsc-env/system" ] || fail "did not use the system's pcscd"
[ ! -f "$work/data/CardDesk/pcsc-env/pcscd.pid" ] || fail "started a pcscd of its own"
atr=$(opensc-tool -r "$reader" -a) || fail "no card in $reader"
[[ $atr == 3b:88:01:43:44:4f:53:* ]] || fail "unexpected ATR $atr"
echo "   ATR $atr through the system's pcscd"

echo "3. stopping the virtual card leaves the system's pcscd working"
"$src/scripts/virtual-card.sh" stop >/dev/null
[ -S "$socket" ] || fail "the system's socket was removed"
opensc-tool -l >"$work/readers.txt" 2>&1 || fail "the system's pcscd no longer answers: $(cat "$work/readers.txt")"
grep -q "$reader" "$work/readers.txt" || fail "the system's vpcd reader is gone: $(cat "$work/readers.txt")"
echo "PASS: the virtual card lives beside the system's pcscd and leaves it as it found it"
