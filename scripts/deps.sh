#!/usr/bin/env bash
# Installs, with apt-get, the Debian 12 packages CardDesk needs to build, test and run; only the missing ones.
set -euo pipefail
packages=(
    build-essential cmake ninja-build pkg-config git clang-format
    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev
    libqt6sql6-sqlite libqt6sql6-psql libgl-dev libssl-dev libbenchmark-dev
    pcscd libpcsclite-dev vsmartcard-vpcd pcsc-tools opensc
    liblua5.4-dev libdvbcsa-dev postgresql ffmpeg iproute2
    fonts-noto-cjk xvfb xauth
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "deps: all ${#packages[@]} packages present"
    exit 0
fi
echo "deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
