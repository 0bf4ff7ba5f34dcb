#!/usr/bin/env bash
# Crash benchmark: kill -9 of modeldock-cli at random moments (seeded, printed) during a
# 1 GiB multi-range download and a 60-item LoRA pack, each kill followed by a re-run, then
# how many bytes were fetched again per kill, next to the floor (64 MiB per file in flight).
# It runs the suite's crash test (tests/cli/tst_clicrash.cpp) with more kills.
#
#   bench/crash/run.sh [--kills N] [--seed S] [--file-mb MB]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${MODELDOCK_BUILD_DIR:-$root/build}"
kills=20
file_mb=1024
seed=""
while [ $# -gt 0 ]; do
    case "$1" in
        --kills) kills="$2"; shift ;;
        --seed) seed="$2"; shift ;;
        --file-mb) file_mb="$2"; shift ;;
        *) echo "usage: $0 [--kills N] [--seed S] [--file-mb MB]" >&2; exit 2 ;;
    esac
    shift
done
[ -x "$build/tests/cli/tst_clicrash" ] || [ -x "$build/bin/tst_clicrash" ] || cmake --build "$build" --target tst_clicrash modeldock-cli
test_bin="$(find "$build" -name tst_clicrash -type f -perm -u+x | head -n 1)"
export MODELDOCK_CRASH_KILLS="$kills" MODELDOCK_CRASH_FILE_MB="$file_mb" MODELDOCK_CRASH_RATE_MB="${MODELDOCK_CRASH_RATE_MB:-2}"
export MODELDOCK_SOURCE_DIR="$root" MODELDOCK_BIN_DIR="$build/bin" QT_QPA_PLATFORM=offscreen
[ -n "$seed" ] && export MODELDOCK_CRASH_SEED="$seed"
echo "kill -9 benchmark: $kills kills, a ${file_mb} MiB file; floor: 64 MiB fetched again per kill"
export QTEST_FUNCTION_TIMEOUT=3600000
"$test_bin" -maxwarnings 0 "killNineDuringALargeMultiRangeDownloadRefetchesLittle:kill -9" \
    killNineDuringASixtyItemPackLosesNothing 2>&1 | grep -E "crash seed|kills|verified|PASS|FAIL|Totals"
