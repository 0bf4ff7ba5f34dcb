#!/usr/bin/env bash
# Configures and builds ModelDock into ./build (Release with debug info).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${MODELDOCK_BUILD_DIR:-$root/build}"
generator=()
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    generator=(-G Ninja)
fi
# Paths relative to the source root in ccache's keys: a second build folder at the same depth
# (scripts/check-core-without-gui.sh's) reuses what this one compiled.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
# CI sets MODELDOCK_WERROR=ON: a warning fails the build there.
cmake -S "$root" -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DMODELDOCK_WERROR="${MODELDOCK_WERROR:-OFF}" >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
