#!/usr/bin/env bash
# The fuzz targets of fuzz/ (docs/fuzzing.md): configures and builds the clang tree build-fuzz/ (ASan + UBSan +
# libFuzzer; the main gcc build is not touched), then runs each target on one core and prints, per target,
# executions, exec/s, coverage (cov: edges, ft: features) and crashes.
#   run-fuzz.sh [--seconds N | --runs N] [TARGET...]   fuzz (default: 60 s a target; all targets)
#   run-fuzz.sh --replay                                 CI: every committed corpus file once (ctest label fuzz)
#   run-fuzz.sh --seeds                                  regenerate fuzz/*/corpus from the seed generator (minimised)
#   run-fuzz.sh --build                                  configure and build only
# New inputs found go to build-fuzz/corpus/TARGET (the committed corpus is only read); a crash leaves its input in
# build-fuzz/artifacts/TARGET/ and makes the script exit 1. CARDDESK_FUZZ_JOBS sets the build's parallelism.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${CARDDESK_FUZZ_BUILD:-$root/build-fuzz}
all_targets=(card tlv appcert ecm keystore files trace)
mode=fuzz limit=(-max_total_time=60) targets=()
while [ $# -gt 0 ]; do
    case $1 in
    --seconds) limit=(-max_total_time="$2"); shift 2 ;;
    --runs) limit=(-runs="$2"); shift 2 ;;
    --replay) mode=replay; shift ;;
    --seeds) mode=seeds; shift ;;
    --build) mode=build; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    -*) echo "run-fuzz: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
    [ -d "$root/fuzz/$t" ] || { echo "run-fuzz: no target $t (targets: ${all_targets[*]})" >&2; exit 2; }
done

started=$(date +%s)
launcher=()
if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
CC=clang CXX=clang++ cmake -S "$root/fuzz" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" \
    >"$build.configure.log" 2>&1 || { cat "$build.configure.log" >&2; exit 1; }
mv -f "$build.configure.log" "$build/configure.log"
build_targets=()
for t in "${targets[@]}"; do build_targets+=(--target "fuzz-$t"); done
[ "$mode" != seeds ] || build_targets+=(--target fuzz-seed-generator)
cmake --build "$build" --parallel "${CARDDESK_FUZZ_JOBS:-$(nproc)}" "${build_targets[@]}"
echo "run-fuzz: built in $(( $(date +%s) - started )) s"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# Per-target input size bound: the TS targets take a few dozen packets.
max_len() {
    case $1 in
    ecm) echo 12000 ;;
    appcert) echo 16384 ;;
    *) echo 4096 ;;
    esac
}

case $mode in
build) exit 0 ;;
replay)
    regex=$(IFS='|'; echo "${targets[*]}")
    cd "$build"
    ctest -L fuzz -R "fuzz_replay_($regex)\$" --output-on-failure
    echo "run-fuzz: replay done in $(( $(date +%s) - started )) s"
    exit 0
    ;;
seeds)
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    "$build/fuzz-seed-generator" "$scratch"
    for t in "${targets[@]}"; do
        mkdir -p "$scratch/merged-$t" "$root/fuzz/$t/corpus"
        # Minimised: only the seeds (and earlier corpus files) that add coverage are kept.
        "$build/fuzz-$t" -merge=1 -max_len="$(max_len "$t")" "$scratch/merged-$t" "$scratch/$t" "$root/fuzz/$t/corpus" \
            >"$scratch/merge-$t.log" 2>&1 || { tail -20 "$scratch/merge-$t.log" >&2; exit 1; }
        rm -rf "$root/fuzz/$t/corpus"
        mv "$scratch/merged-$t" "$root/fuzz/$t/corpus"
        echo "run-fuzz: $t corpus: $(ls "$root/fuzz/$t/corpus" | wc -l) files, $(du -sb "$root/fuzz/$t/corpus" | cut -f1) bytes"
    done
    exit 0
    ;;
esac

status=0
printf '%-9s %12s %9s %8s %8s %7s %s\n' target execs exec/s cov ft corpus result
for t in "${targets[@]}"; do
    work=$build/corpus/$t artifacts=$build/artifacts/$t
    mkdir -p "$work" "$artifacts"
    log=$build/fuzz-$t.log
    t0=$(date +%s)
    # One process, one core; -jobs/-workers would fork more.
    rc=0
    "$build/fuzz-$t" "${limit[@]}" -max_len="$(max_len "$t")" -timeout=25 -rss_limit_mb=4096 -print_final_stats=1 \
        -artifact_prefix="$artifacts/" "$work" $([ -d "$root/fuzz/$t/corpus" ] && echo "$root/fuzz/$t/corpus") \
        >"$log" 2>&1 || rc=$?
    secs=$(( $(date +%s) - t0 ))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p' <<<"$last")
    result="ok (${secs} s)"
    if [ "$rc" -ne 0 ]; then
        result="CRASH rc=$rc: $(ls -t "$artifacts" | head -1) (log $log)"
        status=1
    fi
    printf '%-9s %12s %9s %8s %8s %7s %s\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result"
done
exit $status
