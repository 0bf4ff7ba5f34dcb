#!/usr/bin/env bash
# Conformance of the test hub with the official @huggingface/hub JS client.
#
#   run.sh [--install-only] [WORK_DIR]
#
# WORK_DIR (ctest passes <build>/tests/hub/conformance) receives package.json, the
# lockfile, conformance.mjs and node_modules; the source tree is never written to.
# `npm ci` runs only when node_modules is missing or the lockfile changed, so later runs
# need no registry. --install-only stops there: other tests that drive the JS client
# (tst_clidownload) share the installation.
set -euo pipefail
install_only=0
if [ "${1:-}" = --install-only ]; then
    install_only=1
    shift
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
work="${1:-${MODELDOCK_BUILD_DIR:-$root/build}/tests/hub/conformance}"
mkdir -p "$work"

for tool in node npm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "$tool is missing: run scripts/install-deps.sh (Node.js 18 or newer with npm)." >&2
        exit 1
    fi
done
node_major="$(node --version | sed 's/^v//; s/\..*//')"
if [ "$node_major" -lt 18 ]; then
    echo "Node.js $(node --version) is too old: @huggingface/hub needs 18 or newer (see scripts/install-deps.sh)." >&2
    exit 1
fi

# Tests running in parallel (ctest -j) may both get here: one installs, the other waits.
(
    flock 9
    for file in package.json package-lock.json conformance.mjs; do
        # Copy only on a change: an up-to-date work directory is left untouched.
        cmp -s "$here/$file" "$work/$file" || cp "$here/$file" "$work/$file"
    done
    # node_modules records the lockfile it was installed from; a failed install records nothing.
    installed="$work/node_modules/.modeldock-installed-lock.json"
    if ! cmp -s "$work/package-lock.json" "$installed" || [ ! -d "$work/node_modules/@huggingface/hub" ]; then
        (cd "$work" && npm ci --no-audit --no-fund)
        cp "$work/package-lock.json" "$installed"
    fi
) 9>"$work/.install.lock"
[ "$install_only" = 0 ] || exit 0

cd "$work"
MODELDOCK_HUB_DIR="$(dirname "$here")" exec node conformance.mjs
