#!/usr/bin/env bash
# Builds with AddressSanitizer and UndefinedBehaviorSanitizer (CMake preset "asan") and runs
# the core tests under them (labels download, downloads, updates, core, library, net, hub_clients,
# catalog, settings, cli). Extra arguments go to ctest, e.g. scripts/asan-tests.sh -R tst_resume.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
cd "$root"
cmake --preset asan >/dev/null
cmake --build --preset asan -j"$(nproc)"
# Leak reports from Qt's own global objects at exit are noise here; UBSan findings fail.
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --preset asan "$@"
