#!/usr/bin/env bash
# One picture per headline journey, taken by the journey tests themselves at the moment each
# is judged (the window with its open dialog), under Xvfb: docs/screenshots/journeys/*.png.
# Needs a build with the tests (./scripts/build.sh) and xvfb-run.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${MODELDOCK_BUILD_DIR:-$PWD/build}
OUT=${1:-$PWD/docs/screenshots/journeys}
mkdir -p "$OUT"
for subject in hf civitai window library layout identify freespace insight grid; do
    MODELDOCK_JOURNEY_SHOTS=$OUT MODELDOCK_SOURCE_DIR=$PWD MODELDOCK_BIN_DIR=$BUILD/bin \
        timeout 300 xvfb-run -a -s "-screen 0 1600x1000x24" "$BUILD/tests/tst_journeys_$subject" -silent
done
ls -l "$OUT"
