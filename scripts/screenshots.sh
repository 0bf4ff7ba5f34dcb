#!/usr/bin/env bash
# Captures the documentation screenshots from the real app against the demo test hub:
#   docs/screenshots/main-window.png  catalog synced, a model selected with its details
#   docs/screenshots/dashboard.png    the 60-LoRA collection mid-download
#   docs/screenshots/settings.png     the settings dialog
#   docs/screenshots/main-window-zh_CN.png  the main window again, in Simplified Chinese
#                                     (LANGUAGE=zh_CN; needs fonts-noto-cjk for the glyphs)
# Needs a build with the tests (build/bin/modeldock-screenshots, modeldock-cli), python3 and
# xvfb-run. modeldock-screenshots is the desktop app exactly as modeldock runs it, with the
# driver (tools/screenshots) attached; the product binary has no such hook.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${BIN:-$ROOT/build/bin}
OUT=$ROOT/docs/screenshots
WORK=$(mktemp -d)
HUB_PID=
cleanup() {
    [ -n "$HUB_PID" ] && kill "$HUB_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

python3 tests/hub/testhub.py --catalog demo --big-file-mb 64 >"$WORK/hub.json" 2>"$WORK/hub.log" &
HUB_PID=$!
for _ in $(seq 100); do
    [ -s "$WORK/hub.json" ] && break
    sleep 0.1
done
read -r HF CIVITAI < <(python3 -c 'import json,sys; d=json.loads(open(sys.argv[1]).readline()); print(d["hf"], d["civitai"])' "$WORK/hub.json")

export HF_ENDPOINT=$HF
export MODELDOCK_CIVITAI_ENDPOINT=$CIVITAI
export MODELDOCK_DATA_DIR=$WORK/data
export HF_HUB_CACHE=$WORK/hub
export MODELDOCK_LIBRARY=$WORK/library
export XDG_CONFIG_HOME=$WORK/config

# The LoRA pack as a source of its own, and a speed cap so the dashboard shot is mid-download.
SLUG=$(python3 -c 'import json,sys,urllib.request; print([c["slug"] for c in json.load(urllib.request.urlopen(sys.argv[1] + "/api/collections?owner=lora-pack")) if "sixty-style-loras" in c["slug"]][0])' "$HF")
"$BIN/modeldock-cli" sources add --name "LoRA pack" --hf-collection "$SLUG" >/dev/null
"$BIN/modeldock-cli" settings set download.bandwidthLimit=1500000 download.maxActive=6 >/dev/null
# A first sync, then news on the hub: the app's sync shows "new" badges and marks.
"$BIN/modeldock-cli" sync >/dev/null
python3 -c 'import sys,urllib.request; urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/_admin/catalog/mutate", data=b"{\"add\": 3, \"change\": 2}", method="POST")).read()' "$HF"

mkdir -p "$OUT"
MODELDOCK_SCREENSHOT_DIR=$OUT MODELDOCK_SCREENSHOT_PACK="LoRA pack" \
    timeout 180 xvfb-run -a -s "-screen 0 1600x1000x24" "$BIN/modeldock-screenshots"
# The same window under a Chinese locale: only its main-window picture is kept.
mkdir -p "$WORK/zh_CN"
LANGUAGE=zh_CN LC_ALL=zh_CN.UTF-8 MODELDOCK_SCREENSHOT_DIR=$WORK/zh_CN MODELDOCK_SCREENSHOT_PACK="LoRA pack" \
    timeout 180 xvfb-run -a -s "-screen 0 1600x1000x24" "$BIN/modeldock-screenshots"
cp "$WORK/zh_CN/main-window.png" "$OUT/main-window-zh_CN.png"
ls -l "$OUT"
