#!/usr/bin/env bash
# Runs a command in private mount and network namespaces (root only): its pcscd socket (/run/pcscd), vpcd ports and
# PostgreSQL meet nothing of the machine's (a system pcscd, Debian's vpcd reader on port 35963) and no other run's,
# so several builds can run their PC/SC tests on one machine at once.
#   scripts/isolated.sh ctest --test-dir build-x -L pcsc
# Where namespaces cannot be made (a chroot, a container without CAP_SYS_ADMIN) the command runs as it is, saying
# so: scripts/pcsc-env.sh then refuses to start beside a system pcscd rather than take its socket.
set -euo pipefail
if unshare --mount --net true 2>/dev/null; then
    exec unshare --mount --net bash -c 'ip link set lo up && mkdir -p /run/pcscd && mount -t tmpfs tmpfs /run/pcscd &&
        exec "$@"' isolated "$@"
fi
echo "isolated: no private namespaces here (chroot or container): running without them" >&2
exec "$@"
