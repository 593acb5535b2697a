#!/usr/bin/env bash
# Checks built CardDesk DEBs the way a distribution would before shipping them:
#   - every ELF file's libraries (dpkg-shlibdeps) come from packages the DEB Depends on;
#   - what no linker sees is in Depends too: Qt SQL driver plugins, pcscd, the vpcd driver, a CJK font;
#   - every program answers --help (exit 0) from the package's own files;
#   - lintian reports no error (warnings are printed);
#   - the desktop entry and the AppStream metainfo validate (desktop-file-validate, appstreamcli --no-net).
#   check-packages.sh DEB...          exit 1 on the first kind of problem found in any package, listing them all
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 DEB..." >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
problem() { echo "PROBLEM: $*"; status=1; }

# Runtime needs that no ELF file names, per package (alternatives as in Depends).
declare -A runtime=(
    [carddesk]="libqt6sql6-sqlite pcscd fonts-noto-cjk"
    [carddesk-card]="pcscd vsmartcard-vpcd"
    [carddesk-headend]="libqt6sql6-sqlite adduser"
    [carddesk-gateway]="pcscd"
)

# The package names in a Depends field, alternatives included.
names() { tr ',|' '\n\n' | sed -E 's/\(.*\)//; s/\[.*\]//; s/:[a-z0-9]+//; s/[[:space:]]//g' | grep -v '^$' | sort -u; }

mkdir -p "$work/shlibs/debian"
printf 'Source: carddesk-check\n\nPackage: carddesk-check\nArchitecture: any\n' >"$work/shlibs/debian/control"

for deb in "$@"; do
    pkg=$(dpkg-deb -f "$deb" Package)
    depends=$(dpkg-deb -f "$deb" Depends | names)
    echo "== $pkg ($(basename "$deb"))"
    root="$work/$pkg"
    dpkg-deb -x "$deb" "$root"
    elves=0
    while IFS= read -r -d '' f; do
        head -c4 "$f" | grep -q $'\x7fELF' || continue
        elves=$((elves + 1))
        needed=$(cd "$work/shlibs" && dpkg-shlibdeps -O -e"$f" 2>/dev/null | sed -n 's/^shlibs:Depends=//p' | names) ||
            { problem "$pkg: dpkg-shlibdeps failed on ${f#"$root"}"; continue; }
        for n in $needed; do
            grep -qxF "$n" <<<"$depends" || problem "$pkg: ${f#"$root"} links a library of $n, which Depends lacks"
        done
    done < <(find "$root" -type f -print0)
    for n in ${runtime[$pkg]:-}; do
        grep -qxF "$n" <<<"$depends" || problem "$pkg: needs $n at run time (no ELF names it), Depends lacks it"
    done
    echo "   $elves ELF files, Depends: $(tr '\n' ' ' <<<"$depends")"
    for f in "$root"/usr/bin/*; do
        [ -f "$f" ] || continue
        QT_QPA_PLATFORM=offscreen "$f" --help >"$work/help.txt" 2>&1 ||
            problem "$pkg: ${f#"$root"} --help exits $? ($(head -1 "$work/help.txt"))"
    done
    for f in "$root"/usr/share/applications/*.desktop; do
        [ -f "$f" ] || continue
        desktop-file-validate "$f" || problem "$pkg: desktop-file-validate ${f#"$root"}"
    done
    for f in "$root"/usr/share/metainfo/*.xml; do
        [ -f "$f" ] || continue
        appstreamcli validate --no-net --pedantic "$f" >"$work/appstream.txt" 2>&1 ||
            { cat "$work/appstream.txt"; problem "$pkg: appstreamcli validate ${f#"$root"}"; }
    done
    lintian --no-tag-display-limit "$deb" >"$work/lintian.txt" 2>&1 || true
    grep -E '^[EW]: ' "$work/lintian.txt" | sed 's/^/   lintian /' || true
    grep -q '^E: ' "$work/lintian.txt" && problem "$pkg: lintian errors (above)"
done
[ $status -eq 0 ] && echo "check-packages: $# packages: Depends complete, lintian without errors, metadata valid"
exit $status
