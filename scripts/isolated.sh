#!/usr/bin/env bash
# Runs a command in private mount and network namespaces (root only): its pcscd socket (/run/pcscd) and vpcd ports
# meet no other run's, so several builds can run their PC/SC tests on one machine at once.
#   scripts/isolated.sh ctest --test-dir build-x -L pcsc
set -euo pipefail
exec unshare --mount --net bash -c 'ip link set lo up && mkdir -p /run/pcscd && mount -t tmpfs tmpfs /run/pcscd &&
    exec "$@"' isolated "$@"
