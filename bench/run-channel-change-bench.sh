#!/usr/bin/env bash
# Channel change time of the gateway through a private pcscd: build first (targets carddesk-bench-channel-change,
# carddesk-card, carddesk-scrambler), then bench/run-channel-change-bench.sh [--changes N]. BUILD_DIR picks the
# build tree. Two live channels: ffmpeg makes a 1280x720 H.264 + MP2 stream (programme 1, and a copy as
# programme 2), two carddesk-scrambler --realtime processes send them to udp://127.0.0.1:5601 and :5602, and the
# benchmark switches between them N times. Wrap it in scripts/isolated.sh when other PC/SC runs share the machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
b="${BUILD_DIR:-$root/build}"
changes=40
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    [ "${args[$i]}" = "--changes" ] && changes=${args[$((i + 1))]}
done
env_dir="$b/bench-channel-env"
work=$(mktemp -d "${TMPDIR:-/tmp}/carddesk-zap.XXXXXX")
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    "$root/scripts/pcsc-env.sh" stop "$env_dir" >/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
"$root/scripts/pcsc-env.sh" start "$env_dir"

# Long enough for the first tunes and N changes (each well under a second) after the card is issued.
seconds=$((30 + changes))  # changes take under 0.3 s, dwell 0.25 s on average
ffmpeg -v error -y -f lavfi -i testsrc2=size=1280x720:rate=25 -f lavfi -i sine=f=1000:r=48000 -t "$seconds" \
    -c:v libx264 -preset ultrafast -g 25 -c:a mp2 -f mpegts -muxrate 6M "$work/a.ts"
ffmpeg -v error -y -i "$work/a.ts" -map 0 -c copy -mpegts_service_id 2 -f mpegts -muxrate 6M "$work/b.ts"
keys="$root/resources/keystores/development-keys.txt"
"$b/headend/scrambler/carddesk-scrambler" --service-key-file "$keys" --realtime "$work/a.ts" udp://127.0.0.1:5601 &
pids+=($!)
"$b/headend/scrambler/carddesk-scrambler" --service-key-file "$keys" --realtime "$work/b.ts" udp://127.0.0.1:5602 &
pids+=($!)
"$b/bench/carddesk-bench-channel-change" --card-bin "$b/card/carddesk-card" \
    --keystore "$root/resources/keystores/development.cdks" --changes "$changes" \
    udp://127.0.0.1:5601 udp://127.0.0.1:5602
