#!/usr/bin/env bash
# Fails when the configure step found a package, library, header or tool that scripts/deps.sh does not bring: every
# absolute path CMake recorded in BUILD/CMakeCache.txt (Qt6Charts_DIR, its Qt6OpenGL_DIR, OPENSSL_CRYPTO_LIBRARY,
# pkgcfg_lib_PCSC_pcsclite, the compilers, ...) must belong to a Debian package that deps.sh names or that one of
# those depends on (Depends/Pre-Depends only: deps.sh installs without recommends).
#   check-deps.sh SOURCE_DIR BUILD_DIR [PACKAGE-LIST-FILE]   (the list defaults to `deps.sh --list`)
set -euo pipefail
src=${1:?source dir}; build=${2:?build dir}; list=${3:-}
cache="$build/CMakeCache.txt"
[ -f "$cache" ] || { echo "no $cache: configure first" >&2; exit 2; }
if [ -n "$list" ]; then wanted=$(cat "$list"); else wanted=$("$src/scripts/deps.sh" --list); fi

# Closure of the list over the installed packages' Depends and Pre-Depends (virtual names through Provides).
covered=$(dpkg-query -W -f='${Package}\t${Status}\t${Depends}, ${Pre-Depends}\t${Provides}\n' | awk -F'\t' -v wanted="$wanted" '
    function bare(s) { gsub(/\(.*\)|:[a-z0-9]+|\[.*\]|<.*>/, "", s); gsub(/ /, "", s); return s }
    $2 ~ /installed$/ && $2 !~ /not-installed|config-files/ {
        installed[$1] = 1; deps[$1] = $3
        n = split($4, prov, ","); for (i = 1; i <= n; i++) { p = bare(prov[i]); if (p != "" && !(p in provider)) provider[p] = $1 }
    }
    END {
        n = split(wanted, w, "\n"); head = 0; tail = 0
        for (i = 1; i <= n; i++) if (w[i] != "") queue[tail++] = w[i]
        while (head < tail) {
            p = queue[head++]
            if (!(p in installed) && (p in provider)) p = provider[p]
            if (p in seen || !(p in installed)) continue
            seen[p] = 1; print p
            m = split(deps[p], groups, ",")
            for (g = 1; g <= m; g++) {
                k = split(groups[g], alts, "|")
                for (a = 1; a <= k; a++) {
                    q = bare(alts[a]); if (q == "") continue
                    if ((q in installed) || (q in provider)) { queue[tail++] = q; break }
                }
            }
        }
    }')

owner() { # the package that ships a path, trying the merged-/usr twin and the resolved path
    local p=$1 c
    for c in "$p" "${p#/usr}" "/usr$p" "$(readlink -f "$p")"; do
        dpkg-query -S "$c" 2>/dev/null | head -1 | sed 's/:.*//; s/,.*//' && return 0
    done
    return 1
}

# Found when present, never required: FindOpenGL's EGL and GLU libraries (Qt needs GL and GLX only).
optional='^(OPENGL_egl_LIBRARY|OPENGL_glu_LIBRARY)$'

status=0
checked=0
while IFS= read -r line; do
    name=${line%%:*}
    path=${line#*=}
    [ -e "$path" ] || continue
    [[ $name =~ $optional ]] && continue
    case "$path" in /usr/local/*|"$src"*|"$build"*) continue ;; esac
    # A CMake package folder belongs to the package that ships its config file.
    if [ -d "$path" ]; then
        cfg=$(ls "$path"/*[Cc]onfig.cmake 2>/dev/null | head -1 || true)
        [ -n "$cfg" ] || continue
        path=$cfg
    fi
    checked=$((checked + 1))
    pkg=$(owner "$path" || true)
    if [ -z "$pkg" ]; then
        echo "MISSING: $name=$path belongs to no Debian package (installed by hand?)"
        status=1
    elif ! grep -qxF "$pkg" <<<"$covered"; then
        echo "MISSING: $name=$path comes from $pkg, which scripts/deps.sh neither lists nor depends on"
        status=1
    fi
done < <(grep -E '^[A-Za-z0-9_.+-]+:(PATH|FILEPATH)=/' "$cache" | grep -vE '^(CMAKE_INSTALL_PREFIX|CMAKE_CACHEFILE_DIR)')
echo "check-deps: $checked paths from CMakeCache.txt, $(wc -l <<<"$covered") packages in the closure of deps.sh"
[ $status -eq 0 ] && echo "check-deps: every one comes from a package scripts/deps.sh brings"
exit $status
