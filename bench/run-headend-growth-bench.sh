#!/usr/bin/env bash
# Growth (issue 15): do the headend's latencies stay flat as the operator grows? For each size CARDS:TRANSACTIONS a
# private PostgreSQL (Debian's defaults, as bench/run-headend-bench.sh) gets the headend's schema, then
# carddesk-bench-headend-fill's rows (cards, subscribers, VOD catalogue, purchases with VOD purchases, top-ups, the
# ledger) through COPY (psql \copy, one table at a time, from one seed), ANALYZE; then carddesk-bench-headend
# --mix growth runs N terminals that authenticate, top up, pay and read one generated card's history (the first
# page) in turn, and prints p50/p99 of each. The load time and the database size are printed per size.
# Build first (targets carddesk-headend, carddesk-bench-headend, carddesk-bench-headend-fill), then
#   bench/run-headend-growth-bench.sh [--sizes 10000:100000,1000000:10000000] [--seed S] [--seconds S]
#                                     [--terminals N] [--partitions P]
# --partitions P: the card tables hash-partitioned by card (?partitions=P), as distributed.
# BUILD_DIR picks the build tree. CI runs it small: --sizes 1000:10000 --seconds 5.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
b="${BUILD_DIR:-$root/build}"
sizes="10000:100000"
seed=15
seconds=20
terminals=4
partitions=""
while [ $# -gt 0 ]; do
    case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --terminals) terminals=$2; shift 2 ;;
    --partitions) partitions=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
fill="$b/bench/carddesk-bench-headend-fill"
bench="$b/bench/carddesk-bench-headend"
headend="$b/headend/carddesk-headend"
keystore="$root/resources/keystores/development.cdks"
for f in "$fill" "$bench" "$headend"; do
    [ -x "$f" ] || { echo "build $(basename "$f") first" >&2; exit 1; }
done
psql=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql | sort -V | tail -1)
pg_dir=$(mktemp -d /tmp/carddesk-growth-pg.XXXXXX)
trap '"$root/scripts/pg-env.sh" stop "$pg_dir" >/dev/null; rm -rf "$pg_dir"' EXIT
"$root/scripts/pg-env.sh" start "$pg_dir" >/dev/null
admin=$(cat "$pg_dir/url")

IFS=, read -ra runs <<<"$sizes"
for run in "${runs[@]}"; do
    cards=${run%%:*}
    transactions=${run##*:}
    db="growth_${cards}_${transactions}"
    "$psql" -q "$admin" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
    url="${admin%/*}/$db"
    headend_url="$url"
    [ -n "$partitions" ] && headend_url="$url?partitions=$partitions"
    data=$(mktemp -d /tmp/carddesk-growth-data.XXXXXX)
    # The schema, as the headend makes it (audit-verify opens, migrates, checks an empty chain and exits).
    "$headend" audit-verify --data-dir "$data" --database "$headend_url" >/dev/null
    rm -rf "$data"
    start=$(date +%s)
    for table in subscribers cards vod_titles purchases vod_purchases loads ledger_entries; do
        t0=$(date +%s)
        "$fill" --table "$table" --cards "$cards" --transactions "$transactions" --seed "$seed" |
            "$psql" -q "$url" -c "\\copy $table ($("$fill" --columns "$table")) FROM STDIN"
        echo "  $table loaded in $(($(date +%s) - t0)) s" >&2
    done
    "$psql" -q -o /dev/null "$url" <<'SQL'
SELECT setval(pg_get_serial_sequence('subscribers', 'id'), (SELECT MAX(id) FROM subscribers));
SELECT setval(pg_get_serial_sequence('vod_titles', 'id'), (SELECT MAX(id) FROM vod_titles));
SELECT setval(pg_get_serial_sequence('purchases', 'id'), COALESCE((SELECT MAX(id) FROM purchases), 0) + 1, false);
SELECT setval(pg_get_serial_sequence('loads', 'id'), COALESCE((SELECT MAX(id) FROM loads), 0) + 1, false);
SELECT setval(pg_get_serial_sequence('ledger_entries', 'id'), COALESCE((SELECT MAX(id) FROM ledger_entries), 0) + 1,
              false);
ANALYZE;
SQL
    loaded=$(($(date +%s) - start))
    size=$("$psql" -qtA "$url" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")
    rows=$("$psql" -qtA "$url" -c "SELECT (SELECT COUNT(*) FROM purchases) || ' purchases, ' ||
        (SELECT COUNT(*) FROM loads) || ' top-ups, ' || (SELECT COUNT(*) FROM ledger_entries) || ' ledger rows'")
    echo "size $cards cards, $transactions transactions: $rows; loaded in $loaded s; database $size"
    "$bench" --headend-bin "$headend" --keystore "$keystore" --database "$headend_url" --mix growth \
        --history-cards "$cards" --terminals "$terminals" --seconds "$seconds"
    "$psql" -q "$admin" -c "DROP DATABASE $db"
done
