#!/usr/bin/env bash
# The grid of cards: first paint of 200 cards with a warm image cache (floor 300 ms) and the
# longest UI-thread stall while scrolling through 2,000 cards with pictures (floor 16 ms).
# Usage: bench/ui/run-grid.sh [--models N] [--own]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${MODELDOCK_BUILD_DIR:-$root/build}"
cmake -S "$root" -B "$build" -G Ninja >/dev/null
cmake --build "$build" --target bench_grid -j2 >/dev/null
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
exec "$build/bin/bench_grid" "$@"
