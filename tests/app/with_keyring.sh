#!/usr/bin/env bash
# Runs a test inside a D-Bus session of its own with an unlocked gnome-keyring-daemon (a real
# Secret Service), in a scratch HOME. Exit 77 (ctest: skipped) when they are not installed.
set -euo pipefail
if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
    echo "dbus-run-session or gnome-keyring-daemon missing: skipped"
    exit 77
fi
if [ "${1:-}" != "--inside" ]; then
    exec dbus-run-session -- "$0" --inside "$@"
fi
shift
HOME="$(mktemp -d)"
export HOME XDG_RUNTIME_DIR="$HOME/run" XDG_DATA_HOME="$HOME/data" MODELDOCK_TEST_KEYRING=1
mkdir -m 700 -p "$XDG_RUNTIME_DIR"
printf 'modeldock-test' | gnome-keyring-daemon --unlock --components=secrets --replace >/dev/null 2>&1
# The daemon leaves with the session bus when dbus-run-session ends.
trap 'rm -rf "$HOME"' EXIT
"$@"
