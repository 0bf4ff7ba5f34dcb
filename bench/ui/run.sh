#!/usr/bin/env bash
# UI responsiveness benchmark: a 100,000-model catalog, the real main window, ~500 queued and
# active downloads from the test hub under a bandwidth cap, scripted typing, scrolling,
# selecting and dashboard use, and a 5 ms timer probe on the UI thread. Prints the longest
# stall; exits non-zero when it is 50 ms or more. It also reports how much of that stall the UI
# thread spent waiting for a core (Linux schedstat) and the longest stretch of its own
# computing; --own judges the stall less that wait, for machines shared with other busy
# processes. --trace lists every event delivery over 8 ms with its receiver.
# Usage: bench/ui/run.sh [--models N] [--items N] [--keep DIR] [--budget-ms N] [--cap KIB] [--own] [--trace]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${MODELDOCK_BUILD_DIR:-$root/build}"
cmake -S "$root" -B "$build" -G Ninja >/dev/null
cmake --build "$build" --target bench_ui -j2 >/dev/null
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
export MODELDOCK_SOURCE_DIR="$root"
exec "$build/bin/bench_ui" "$@"
