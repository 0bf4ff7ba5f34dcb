#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in a build folder of their own and runs each for a
# bounded time, then prints executions and crashes per target. Fails when a target crashed
# (the input is kept under <build>/artifacts/ and printed).
#
#   tests/fuzz/run.sh [SECONDS] [BUILD_DIR]     default: 60 s each, build-fuzz/ in the checkout
#   MODELDOCK_FUZZ_ONLY="fuzz_gguf_header …"     builds and runs only these targets
#
# Seeds: tests/hub/samples and tests/fuzz/seeds, plus /work/shared/hub-samples when present;
# what a run finds is kept in <build>/corpus/<target> and reused by the next run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${1:-60}"
build="${2:-${MODELDOCK_FUZZ_BUILD_DIR:-$root/build-fuzz}}"
jobs="${MODELDOCK_FUZZ_JOBS:-$(nproc)}"

if ! command -v clang++ >/dev/null; then
    echo "fuzz: clang++ is missing (Debian: apt-get install clang libclang-rt-14-dev)" >&2
    exit 1
fi
generator=()
[ -f "$build/CMakeCache.txt" ] || generator=(-G Ninja)
cmake -S "$root" -B "$build" "${generator[@]}" -DMODELDOCK_FUZZ=ON -DBUILD_TESTING=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ >/dev/null
if [ -n "${MODELDOCK_FUZZ_ONLY:-}" ]; then
    cmake --build "$build" --target $MODELDOCK_FUZZ_ONLY -j"$jobs"
else
    cmake --build "$build" --target modeldock_fuzz -j"$jobs"
fi

json_seeds=("$root/tests/hub/samples")
[ -d /work/shared/hub-samples ] && json_seeds+=(/work/shared/hub-samples)
declare -A seeds=(
    [fuzz_hf_json]="${json_seeds[*]} $root/tests/fuzz/seeds/hf"
    [fuzz_civitai_json]="${json_seeds[*]} $root/tests/fuzz/seeds/civitai"
    [fuzz_http_headers]="$root/tests/fuzz/seeds/headers"
    [fuzz_archive]="$root/tests/fuzz/seeds/archive"
    [fuzz_gguf_header]="$root/tests/fuzz/seeds/gguf"
    [fuzz_safetensors_header]="$root/tests/fuzz/seeds/safetensors"
    [fuzz_xet_chunks]="$root/tests/fuzz/seeds/xet"
)

failed=0
summary=()
for target in ${MODELDOCK_FUZZ_ONLY:-fuzz_hf_json fuzz_civitai_json fuzz_http_headers fuzz_archive fuzz_gguf_header fuzz_safetensors_header fuzz_xet_chunks}; do
    corpus="$build/corpus/$target"
    artifacts="$build/artifacts/$target"
    mkdir -p "$corpus" "$artifacts"
    # Inputs of earlier crashes stay for whoever investigates; this run counts only its own.
    touch "$artifacts/.started"
    existing=()
    for dir in ${seeds[$target]}; do
        [ -d "$dir" ] && existing+=("$dir")
    done
    log="$build/$target.log"
    set +e
    # ASan's leak check is off: Qt keeps process-wide caches (QLocale, regular expressions)
    # alive on purpose, which LeakSanitizer would report after every run.
    ASAN_OPTIONS="detect_leaks=0:abort_on_error=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
        "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" "${existing[@]}" >"$log" 2>&1
    status=$?
    set -e
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    crashes=$(find "$artifacts" -type f ! -name .started -newer "$artifacts/.started" | wc -l)
    if [ "$status" -ne 0 ]; then
        crashes=$((crashes > 0 ? crashes : 1))
        failed=1
        echo "fuzz: $target failed (exit $status); the end of $log:" >&2
        tail -60 "$log" >&2
        find "$artifacts" -type f ! -name .started -newer "$artifacts/.started" -exec echo "fuzz: input kept at {}" \; >&2
    fi
    summary+=("$(printf '%-20s %10s execs  %s crash(es)  corpus %s' "$target" "${execs:-?}" "$crashes" "$(ls "$corpus" | wc -l)")")
done

echo "fuzz: ${seconds} s per target"
printf '%s\n' "${summary[@]}"
exit "$failed"
