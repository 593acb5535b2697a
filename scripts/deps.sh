#!/usr/bin/env bash
# Installs, with apt-get, the Debian 12 packages CardDesk needs to build, test and run; only the missing ones.
# The list is complete for a minimal Debian 12 installed without recommends: every package that the build, the
# tests or the console need is named here, never left to arrive as another package's recommendation.
# tests/deps/check-deps.sh (ctest deps_cover_cmake) proves that every CMake package and library found by the
# configure step comes from a package below or from one of their dependencies.
#   deps.sh            install what is missing
#   deps.sh --list     print the package list, one a line
set -euo pipefail
packages=(
    # build
    build-essential cmake ninja-build pkg-config git clang-format
    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev
    libqt6opengl6-dev libgl-dev libssl-dev libbenchmark-dev libpcsclite-dev liblua5.4-dev libdvbcsa-dev
    # run: Qt SQL drivers (plugins: no library links them), fonts for the Chinese interface, Qt's own translations
    # (the buttons and file dialogs of Qt itself: "取消", not "Cancel")
    libqt6sql6-sqlite libqt6sql6-psql fonts-noto-cjk qt6-translations-l10n
    # the PC/SC stack and the technicians' tools
    pcscd vsmartcard-vpcd pcsc-tools opensc
    # issuer keys in a PKCS#11 token: SoftHSM2 (the development token and every key test) and the standard header
    softhsm2 libp11-kit-dev
    # tests: PostgreSQL server, ffmpeg, namespaces and sockets, Xvfb, certificates, packages, socket activation,
    # PDF to text and image (the PIN mailer's test)
    postgresql ffmpeg iproute2 procps util-linux openssl xvfb xauth dpkg-dev file systemd poppler-utils
    # package checks: lintian, AppStream and desktop-entry validators
    lintian appstream desktop-file-utils
    # the fuzz corpus replay (scripts/run-fuzz.sh --replay): clang with libFuzzer and the sanitizer runtimes
    clang libclang-rt-14-dev
)
if [ "${1:-}" = --list ]; then
    printf '%s\n' "${packages[@]}"
    exit 0
fi
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "deps: all ${#packages[@]} packages present"
    exit 0
fi
echo "deps: installing ${#missing[@]} packages with apt-get (a few minutes on a new machine): ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
