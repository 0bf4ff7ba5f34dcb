#!/usr/bin/env bash
# Command 1 of the README: install what is missing, build, start the desktop app.
# Arguments are passed to modeldock.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
app="${MODELDOCK_BUILD_DIR:-$root/build}/bin/modeldock"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    cat >&2 <<MSG
ModelDock is built, but this session has no display (neither DISPLAY nor WAYLAND_DISPLAY is set).
Start it on a virtual display instead:
    xvfb-run -a -s "-screen 0 1600x1000x24" $app
or run the command-line front end:
    ${app}-cli --help
MSG
    exit 1
fi
exec "$app" "$@"
