#!/usr/bin/env bash
# Xet: what ModelDock fetches for a Hugging Face file stored in Xet, against the local test hub
# (which chunks, compresses and deduplicates as the Hub does), next to the peers measured in
# the same run: a plain download (curl through /resolve: the whole file every time) and the
# official @huggingface/hub client's Xet download (no chunk cache: the whole file again).
#
#   bench/xet/run.sh [--mib N]     (default 1024: a 1 GiB GGUF)
#
# Figures: the first download through Xet vs the plain route (time); a new revision with only
# the header metadata changed (floor: ≤ 2 % of the file fetched); a fine-tune that changed half
# its tensors (≤ 55 %); kill -9 in the middle of a Xet download, then the download again
# (floor: ≤ 64 MiB fetched twice). Bytes are what the hub's xorb storage sent, from its
# request log; curl's are the file's size.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${MODELDOCK_BUILD_DIR:-$root/build}"
cli="${MODELDOCK_CLI:-$build/bin/modeldock-cli}"
native="$build/tests/hub/native/libtesthubxet.so"
mib=1024
while [ $# -gt 0 ]; do
    case "$1" in
        --mib) mib="$2"; shift 2 ;;
        *) echo "usage: $0 [--mib N]" >&2; exit 2 ;;
    esac
done
for need in "$cli" "$native"; do
    [ -e "$need" ] || { echo "build first: $need is missing (./scripts/build.sh)" >&2; exit 1; }
done
work="$(mktemp -d)"
hub_pid=""
trap '[ -n "$hub_pid" ] && kill "$hub_pid" 2>/dev/null; rm -rf "$work"' EXIT
repo=modeldock-demo/Xet-GGUF
file=xet-tinystories.Q4_K_M.gguf
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc; }

coproc HUB { exec python3 "$root/tests/hub/testhub.py" --exit-on-stdin-eof --xet-native "$native" \
    --xet-file-mb "$mib" --data-dir "$work/hubdata" 2>"$work/hub.log"; }
hub_pid=$HUB_PID
read -r hub_line <&"${HUB[0]}"
hf="$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["hf"])' "$hub_line")"
admin() { curl -sf "$@"; }
reset() { admin -X POST "$hf/_admin/reset" > /dev/null; }
# Body bytes the xorb storage (or the plain storage) sent since the last reset.
sent() {
    admin "$hf/_admin/requests?origin=$1" | python3 -c 'import json, sys; print(sum(r["bytes_sent"] for r in json.load(sys.stdin)))'
}
info() { admin "$hf/_admin/file?repo=$repo&path=$file&revision=main" | python3 -c "import json, sys; print(json.load(sys.stdin)[\"$1\"])"; }

echo "Building the hub's Xet store for a $mib MiB GGUF (chunking, hashing, compression)…"
start=$(now)
admin "$hf/api/models/$repo/tree/main" > /dev/null
echo "  $(since "$start") s"
size=$(info size)

export HOME="$work/home" HF_ENDPOINT="$hf"
run_cli() {  # run_cli NAME [VAR=VALUE…]: one download into its own cache and data folder
    local name="$1"
    shift
    env "$@" HF_HUB_CACHE="$work/$name/hub" MODELDOCK_DATA_DIR="$work/$name/data" \
        "$cli" -q download "$repo" --include "$file" > /dev/null
}
pct() { echo "scale=2; 100 * $1 / $size" | bc; }
mb() { echo "scale=1; $1 / 1048576" | bc; }
rows=()
row() { rows+=("$(printf '%-58s %9s %11s %8s' "$1" "$2" "$3" "$4")"); }

# 1. The first download: plain route (curl; ModelDock with Xet off) and through Xet.
reset
start=$(now)
curl -sfL -o "$work/curl.gguf" "$hf/$repo/resolve/main/$file"
t=$(since "$start")
row "curl, plain /resolve" "$t" "$(mb "$size")" "100"
rm -f "$work/curl.gguf"
reset
start=$(now)
run_cli plain HF_HUB_DISABLE_XET=1
plain_s=$(since "$start")
row "modeldock, plain route (HF_HUB_DISABLE_XET=1)" "$plain_s" "$(mb "$(sent storage)")" "100"
reset
start=$(now)
run_cli xet
xet_s=$(since "$start")
bytes=$(sent xorbs)
row "modeldock, first download through Xet" "$xet_s" "$(mb "$bytes")" "$(pct "$bytes")"

# 2. The JS client's Xet download of the same file (its own process, no cache).
js="$work/js"
bash "$root/tests/hub/conformance/run.sh" --install-only "$js" > /dev/null
cat > "$js/fetch.mjs" <<'EOF'
import { downloadFile } from "@huggingface/hub";
import { writeFile } from "node:fs/promises";
const [hubUrl, repo, path, out] = process.argv.slice(2);
const blob = await downloadFile({ repo, path, hubUrl });
await writeFile(out, Buffer.from(await blob.arrayBuffer()));
EOF
js_fetch() {
    reset
    local start
    start=$(now)
    (cd "$js" && node fetch.mjs "$hf" "$repo" "$file" "$work/js.gguf")
    js_s=$(since "$start")
    js_bytes=$(sent xorbs)
    rm -f "$work/js.gguf"
}
js_fetch
row "@huggingface/hub downloadFile (Xet)" "$js_s" "$(mb "$js_bytes")" "$(pct "$js_bytes")"

# 3. Updates: ModelDock's cache holds the first revision; the JS client and curl have none.
update() {  # update CHANGE [FRACTION]
    admin -X POST "$hf/_admin/xet/update" -d "{\"repo\":\"$repo\",\"path\":\"$file\",\"change\":\"$1\",\"fraction\":${2:-0.5}}" > /dev/null
    reset
    local start
    start=$(now)
    run_cli xet
    up_s=$(since "$start")
    up_bytes=$(sent xorbs)
}
update header
header_pct=$(pct "$up_bytes")
row "modeldock, update: header metadata changed" "$up_s" "$(mb "$up_bytes")" "$header_pct"
js_fetch
row "@huggingface/hub, the same new revision" "$js_s" "$(mb "$js_bytes")" "$(pct "$js_bytes")"
update tensors 0.5
tensors_pct=$(pct "$up_bytes")
row "modeldock, update: half the tensors changed" "$up_s" "$(mb "$up_bytes")" "$tensors_pct"
js_fetch
row "@huggingface/hub, the same new revision" "$js_s" "$(mb "$js_bytes")" "$(pct "$js_bytes")"

# 4. kill -9 in the middle of a download, then the download again, through Xet and (the peer)
# through the plain route. Storage sends each connection at most 16 MiB/s (8 connections: a
# gigabit link), as bench/crash caps its storage: over loopback at full speed the network
# outruns fdatasync, and bytes received but not yet on disk are lost by any client.
kill_test() {  # kill_test NAME ORIGIN [VAR=VALUE…]: sets refetched and killed_at
    local name="$1" origin="$2"
    shift 2
    reset
    admin -X POST "$hf/_admin/scenario" -d "{\"origin\":\"$origin\",\"fault\":\"slow\",\"rate\":16777216}" > /dev/null
    env "$@" HF_HUB_CACHE="$work/$name/hub" MODELDOCK_DATA_DIR="$work/$name/data" \
        "$cli" -q download "$repo" --include "$file" > /dev/null 2>&1 &
    local victim=$!
    while [ "$(sent "$origin")" -lt $((size / 2)) ] && kill -0 "$victim" 2>/dev/null; do sleep 0.1; done
    kill -9 "$victim" 2>/dev/null || true
    wait "$victim" 2>/dev/null || true
    killed_at=$(sent "$origin")
    reset
    run_cli "$name" "$@"
    local total=$((killed_at + $(sent "$origin")))
    # What a download without the crash fetches (this revision, from an empty cache).
    reset
    run_cli "$name-once" "$@"
    refetched=$((total - $(sent "$origin")))
    [ "$refetched" -ge 0 ] || refetched=0
}
kill_test crash-plain storage HF_HUB_DISABLE_XET=1
row "plain route: kill -9 at $(mb "$killed_at") MiB, again: fetched twice" "-" "$(mb "$refetched")" "$(pct "$refetched")"
kill_test crash xorbs
row "Xet: kill -9 at $(mb "$killed_at") MiB, again: fetched twice" "-" "$(mb "$refetched")" "$(pct "$refetched")"

printf '\n%-58s %9s %11s %8s\n' "$size-byte GGUF ($mib MiB)" "seconds" "MiB fetched" "% file"
printf '%s\n' "${rows[@]}"
echo "Xet first download / plain route: $(echo "scale=2; $xet_s / $plain_s" | bc)x the time"
fail=0
awk -v p="$header_pct" 'BEGIN { exit !(p > 2) }' && { echo "FLOOR MISSED: header update fetched $header_pct %" >&2; fail=1; }
awk -v p="$tensors_pct" 'BEGIN { exit !(p > 55) }' && { echo "FLOOR MISSED: tensor update fetched $tensors_pct %" >&2; fail=1; }
[ "$refetched" -le $((64 * 1048576)) ] || { echo "FLOOR MISSED: $(mb "$refetched") MiB fetched twice after kill -9" >&2; fail=1; }
exit "$fail"
