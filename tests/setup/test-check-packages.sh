#!/usr/bin/env bash
# installer/check-packages.sh must notice a DEB whose Depends lost a package: the gateway DEB is repacked once
# without the package of a library its programs link (libssl3), once without pcscd (needed, linked by nothing).
#   test-check-packages.sh SOURCE_DIR PACKAGES_DIR
set -euo pipefail
src=${1:?}; debs=${2:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
deb=$(ls "$debs"/carddesk-gateway_*.deb)
"$src/installer/check-packages.sh" "$deb" >"$work/good.txt" 2>&1 || { cat "$work/good.txt"; echo "FAIL: the built DEB"; exit 1; }
for drop in libssl3 pcscd; do
    rm -rf "$work/tree"
    dpkg-deb -R "$deb" "$work/tree"
    sed -i -E "/^Depends:/ s/(, )?$drop( \\([^)]*\\))?//; /^Depends:/ s/: , /: /" "$work/tree/DEBIAN/control"
    grep -q "^Depends:.*\\b$drop\\b" "$work/tree/DEBIAN/control" && { echo "FAIL: could not drop $drop"; exit 1; }
    dpkg-deb -b --root-owner-group "$work/tree" "$work/without-$drop.deb" >/dev/null
    if "$src/installer/check-packages.sh" "$work/without-$drop.deb" >"$work/bad.txt" 2>&1; then
        cat "$work/bad.txt"
        echo "FAIL: a gateway DEB without $drop in Depends passed the check"
        exit 1
    fi
    grep "PROBLEM:.*$drop" "$work/bad.txt" || { cat "$work/bad.txt"; echo "FAIL: no problem named $drop"; exit 1; }
done
echo "PASS: a missing Depends is caught"
