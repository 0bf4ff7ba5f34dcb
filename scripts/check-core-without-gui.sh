#!/usr/bin/env bash
# Builds core, modeldock-cli and a few tests with MODELDOCK_GUI=OFF (Qt Gui and Widgets are
# not even looked for), checks that the CLI links neither, and runs the
# core tests that need no window. Proves the core/ui split the architecture promises.
# Shares ccache with the main build (same relative paths), so it costs little after it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MODELDOCK_NOGUI_BUILD_DIR:-$root/build-nogui}"
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
generator=()
[ -f "$build/CMakeCache.txt" ] || generator=(-G Ninja)
cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DMODELDOCK_GUI=OFF -DMODELDOCK_WERROR="${MODELDOCK_WERROR:-OFF}" >/dev/null
cmake --build "$build" -j"$(nproc)" --target modeldock-cli tst_types tst_storagelayout tst_httperror
if ldd "$build/bin/modeldock-cli" | grep -E 'libQt6(Gui|Widgets)'; then
    echo "modeldock-cli links Qt Gui or Widgets" >&2
    exit 1
fi
if [ -e "$build/bin/modeldock" ]; then
    echo "MODELDOCK_GUI=OFF still built the desktop app" >&2
    exit 1
fi
cd "$build"
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -R '^(tst_types|tst_storagelayout|tst_httperror|source_checks)$'
echo "core and modeldock-cli build and run without Qt Gui/Widgets"
