#!/usr/bin/env bash
# Batch issuance over 1, 2 and 4 readers with hoppers (issue 14, docs/batch-issuance.md): a real pcscd with vpcd
# readers, one carddesk-card --hopper per reader, carddesk-cli batch issue. Prints per reader count the wall time,
# cards/s, the per-card time of a lane (from one card done to the next on the same reader: eject, feed, read,
# personalise, verify, record) p50/p99, and the ratio to the limit: the one-reader rate × min(readers, cores).
#   bench/run-batch-bench.sh [--cards N] [--readers "1 2 4"] [--generate-pins]
# Runs in private namespaces (scripts/isolated.sh) so that it meets no system pcscd.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cards=1000
counts="1 2 4"
pins=()
while [ $# -gt 0 ]; do
    case "$1" in
    --cards) cards=$2; shift 2 ;;
    --readers) counts=$2; shift 2 ;;
    --generate-pins) pins=(--generate-pins); shift ;;
    *) echo "usage: $0 [--cards N] [--readers \"1 2 4\"] [--generate-pins]" >&2; exit 2 ;;
    esac
done
if [ -z "${CARDDESK_BENCH_INNER:-}" ]; then
    "$root/scripts/build.sh" carddesk-card carddesk-cli >/dev/null
    exec "$root/scripts/isolated.sh" env CARDDESK_BENCH_INNER=1 "$0" --cards "$cards" --readers "$counts" "${pins[@]}"
fi
b="$root/build"
work=$(mktemp -d /tmp/carddesk-batch-bench-XXXXXX)
hoppers=()
cleanup() {
    for p in "${hoppers[@]}"; do kill "$p" 2>/dev/null || true; done
    "$root/scripts/pcsc-env.sh" stop "$work/env" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
"$root/scripts/pcsc-env.sh" start "$work/env" >/dev/null
ports=(35963 35964 35965 35966)
names=("Virtual PCD 00 00" "Virtual PCD 00 01" "CardDesk Reader B 00 00" "CardDesk Reader B 00 01")
export LANG=C.UTF-8 CARDDESK_OPERATOR=admin CARDDESK_OPERATOR_PASSWORD=carddesk-admin-dev QT_QPA_PLATFORM=offscreen
{
    echo "user_number,account,name,address1,pin1,pin2,pin3"
    for i in $(seq 1 "$cards"); do printf 'U%06d,6222%012d,Holder %d,Road %d,314159,271828,161803\n' "$i" "$i" "$i" "$i"; done
} >"$work/holders.csv"
if [ ${#pins[@]} -gt 0 ]; then
    sed -i 's/,pin1,pin2,pin3$//; s/,314159,271828,161803$//' "$work/holders.csv"
    pins+=(--mailers "$work/mailers")
fi
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores; $cards cards per run${pins:+, generated PINs with mailers}"
printf '%-8s %-7s %-9s %-8s %-13s %-13s %s\n' readers cards seconds cards/s "p50 card s" "p99 card s" "ratio to limit"
single=""
for n in $counts; do
    db="$work/bench-$n.sqlite"
    "$b/app/cli/carddesk-cli" operator init-dev --database "$db" --create >/dev/null 2>&1
    hoppers=()
    readers=()
    for i in $(seq 0 $((n - 1))); do
        "$b/card/carddesk-card" --hopper "$work/h$n-$i" --hopper-blank $((cards / n + 2)) --port "${ports[$i]}" \
            2>>"$work/hoppers.log" &
        hoppers+=($!)
        readers+=("${names[$i]}")
    done
    sleep 2
    list=$(IFS=,; echo "${readers[*]}")
    start=$(date +%s.%N)
    "$b/app/cli/carddesk-cli" batch issue --template "$root/resources/templates/standard-tv.json" \
        --file "$work/holders.csv" --readers "$list" --database "$db" "${pins[@]}" >"$work/run-$n.json" \
        2>"$work/run-$n.err" || { echo "batch over $n readers failed:"; tail -5 "$work/run-$n.err"; exit 1; }
    end=$(date +%s.%N)
    id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["batch"])' "$work/run-$n.json")
    "$b/app/cli/carddesk-cli" batch report "$id" --database "$db" >"$work/report-$n.json" 2>/dev/null
    python3 - "$work/report-$n.json" "$start" "$end" "$n" "$cards" "${single:-0}" "$(nproc)" "$work/rate" <<'PY'
import json, sys, datetime
report, start, end, n, cards, single, cores = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
rows = json.load(open(report))["journal"]
assert all(r["state"] == "done" for r in rows) and len(rows) == cards, "not every row done"
by_reader = {}
for r in rows:
    t = datetime.datetime.fromisoformat(r["updatedAt"].replace("Z", "+00:00")).timestamp()
    by_reader.setdefault(r["reader"], []).append(t)
gaps = []
for times in by_reader.values():
    times.sort()
    gaps += [b - a for a, b in zip(times, times[1:])]
gaps.sort()
pct = lambda p: gaps[min(len(gaps) - 1, int(p * len(gaps)))] if gaps else 0.0
seconds = end - start
rate = cards / seconds
limit = (single or rate) * min(n, cores)
print(f"{n:<8} {cards:<7} {seconds:<9.1f} {rate:<8.2f} {pct(0.5):<13.3f} {pct(0.99):<13.3f} {rate / limit:.2f}"
      + ("" if single else "  (the one-reader rate is the reference)"))
open(sys.argv[8], "w").write(str(rate))
PY
    [ -z "$single" ] && single=$(cat "$work/rate")
    for p in "${hoppers[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${hoppers[@]}"; do wait "$p" 2>/dev/null || true; done
    hoppers=()
    sleep 1
done
