#!/usr/bin/env bash
# Catalog benchmark: a generated test-hub catalog (100,000 models by default), full sync,
# no-change sync with the hub's request count, search latency p50/p95 over 1,000 queries,
# database size. Usage: bench/catalog/run.sh [--models N] [--queries N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${MODELDOCK_BUILD_DIR:-$root/build}"
cmake -S "$root" -B "$build" -G Ninja >/dev/null
cmake --build "$build" --target bench_catalog -j2 >/dev/null
exec "$build/bin/bench_catalog" "$@"
