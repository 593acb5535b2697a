#!/usr/bin/env bash
# Installs the CardDesk DEBs into a brand-new Debian 12 root and runs every program from them, as a desk, a test
# rig and an operator would. Run from the project's root, as root, after `cmake --build build --target package`:
#   FRESH_WITH=build/packages ../shared/tools/fresh-debian --keep installer/test-fresh-install.sh
# The DEBs come in as /root/with/*.deb; the console's screenshot is left at /root/with/console-zh_CN.png.
set -euo pipefail
with=${CARDDESK_DEBS:-/root/with}
step() { echo; echo "== $*"; }
fail() { echo "FAIL: $*"; exit 1; }
export DEBIAN_FRONTEND=noninteractive

step "apt-get install ./carddesk*.deb (no recommends: Depends alone must be enough)"
apt-get update -qq
apt-get install -y -qq --no-install-recommends "$with"/carddesk*.deb >/tmp/apt.log 2>&1 || { tail -30 /tmp/apt.log; fail "install"; }
dpkg -l 'carddesk*' | grep '^ii'
# Only for this test: a display server for the screenshot, and opensc-tool to look at the card.
apt-get install -y -qq --no-install-recommends xvfb xauth opensc >/dev/null 2>&1

step "carddesk --version"
QT_QPA_PLATFORM=offscreen carddesk --version 2>/dev/null | grep -x 'carddesk 0.1.0' || fail "carddesk --version"

step "the packaged pcscd with the packaged vpcd reader, carddesk-card in it"
[ -f /etc/reader.conf.d/vpcd ] || fail "vsmartcard-vpcd's reader configuration is missing"
pcscd --foreground >/tmp/pcscd.log 2>&1 &
pcscd_pid=$!
card_pid=""
headend_pid=""
trap 'kill $card_pid $headend_pid $pcscd_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do [ -S /run/pcscd/pcscd.comm ] && break; sleep 0.1; done
carddesk-card --image /tmp/card-1.img --port 35963 >/tmp/card.log 2>&1 &
card_pid=$!
for _ in $(seq 1 50); do carddesk-cli readers 2>/dev/null | grep -q 'Virtual PCD 00 00.*3B' && break; sleep 0.2; done
carddesk-cli readers | tee /tmp/readers.txt
grep -q 'Virtual PCD 00 00' /tmp/readers.txt || fail "carddesk-cli readers does not see the reader"
opensc-tool -r 'Virtual PCD 00 00' -a | grep -q '^3b:88:01:43:44:4f:53' || fail "no CardDesk ATR"

step "the console under Xvfb, in Chinese, with the card in the reader"
export CARDDESK_KEYSTORE=/usr/share/carddesk/keystores/development.cdks
export CARDDESK_KEYSTORE_PASSPHRASE=carddesk-development
xvfb-run -a -s "-screen 0 1600x1000x24" carddesk --lang zh_CN --database /tmp/desk.sqlite --create-database \
    --template /usr/share/carddesk/templates/standard-tv.json --screenshot "$with/console-zh_CN.png" ||
    fail "the console did not start"
[ -s "$with/console-zh_CN.png" ] || fail "no screenshot"
echo "screenshot: $with/console-zh_CN.png"
unset CARDDESK_KEYSTORE_PASSPHRASE

step "carddesk-headend: unit, system user, state and configuration"
unit=/lib/systemd/system/carddesk-headend.service
[ -f "$unit" ] || fail "no unit file"
getent passwd carddesk >/dev/null || fail "no system user carddesk"
[ "$(stat -c '%U %a' /var/lib/carddesk)" = "carddesk 700" ] || fail "/var/lib/carddesk: $(stat -c '%U %a' /var/lib/carddesk)"
[ "$(stat -c '%U %a' /etc/carddesk/admin-token)" = "root 600" ] || fail "admin token not 0600 root"
[ -f /etc/carddesk/headend.conf ] || fail "no /etc/carddesk/headend.conf"
grep -qx '/etc/carddesk/headend.conf' /var/lib/dpkg/info/carddesk-headend.conffiles || fail "headend.conf is no conffile"
if command -v systemd-analyze >/dev/null; then systemd-analyze verify "$unit" || fail "systemd-analyze verify"; fi

step "the unit's command line, run as systemd would (no systemd here): user, umask, credentials"
install -m 0640 -g carddesk /usr/share/carddesk/keystores/development.cdks /etc/carddesk/keystore.cdks
(umask 077 && printf 'carddesk-development\n' >/etc/carddesk/keystore-passphrase)
creds=$(mktemp -d)
for c in $(sed -n 's/^LoadCredential=\([^:]*\):\(.*\)$/\1:\2/p' "$unit"); do
    install -m 0400 -o carddesk "${c#*:}" "$creds/${c%%:*}"
done
chown carddesk "$creds"; chmod 0500 "$creds"
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
set -a; . /etc/carddesk/headend.conf; set +a
cmdline=$(eval echo "$exec_start")
echo "$cmdline"
runuser -u carddesk -- env -i PATH=/usr/bin:/bin CREDENTIALS_DIRECTORY="$creds" bash -c "umask 077; exec $cmdline" \
    >/tmp/headend.log 2>&1 &
headend_pid=$!
for _ in $(seq 1 100); do grep -q listening /tmp/headend.log && break; sleep 0.1; done
cat /tmp/headend.log
grep -q 'listening on https://127.0.0.1:8443' /tmp/headend.log || fail "the headend did not start"
for f in headend.sqlite tls-key.pem; do
    [ "$(stat -c '%U %a' "/var/lib/carddesk/$f")" = "carddesk 600" ] || fail "$f: $(stat -c '%U %a' "/var/lib/carddesk/$f")"
done
for p in /proc/[0-9]*; do
    [ "$(cat "$p/comm" 2>/dev/null)" = carddesk-headen ] || continue
    tr '\0' '\n' <"$p/environ" | grep -q carddesk-development && fail "the passphrase is in the headend's environment"
    echo "headend PID ${p#/proc/}: no secret in its environment"
done
echo | openssl s_client -connect 127.0.0.1:8443 -brief 2>&1 | grep -q 'Protocol version' || fail "no TLS on 8443"

step "the gateway and the descrambler start and explain themselves"
carddesk-gateway --help | grep -q -- '--reader' || fail "carddesk-gateway --help"
carddesk-descramble --help 2>&1 | grep -qi 'usage' || fail "carddesk-descramble --help"
carddesk-scrambler --help 2>&1 | grep -qi 'usage' || fail "carddesk-scrambler --help"

echo
echo "PASS: every package installed with its dependencies and every program ran from it"
