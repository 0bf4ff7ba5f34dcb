#!/usr/bin/env bash
# Library scan: `modeldock-cli library scan` hashing 10,000 files (2 GiB in all) next to
# `openssl dgst -sha256` over the same files in the same run — one OpenSSL process, the
# hashing bound of this machine — then a rescan with nothing changed. Then identifying: N
# files no hub knows (default 1,000) scanned with --identify against the local test hub,
# counting the lookups in the hub's request log (floor: 1,000 unknown hashes in ≤ 10 requests).
#
#   bench/library/run.sh [--files N] [--mib M] [--unknown N]
#                                        (defaults 10000 files, 2048 MiB, 1000 unknown files)
#
# Files are read from the page cache in both runs (each reads them once first).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cli="${MODELDOCK_CLI:-$root/build/bin/modeldock-cli}"
files=10000
mib=2048
unknown=1000
while [ $# -gt 0 ]; do
    case "$1" in
        --files) files="$2"; shift 2 ;;
        --mib) mib="$2"; shift 2 ;;
        --unknown) unknown="$2"; shift 2 ;;
        *) echo "usage: $0 [--files N] [--mib M] [--unknown N]" >&2; exit 2 ;;
    esac
done
[ -x "$cli" ] || { echo "build first: $cli is missing (./scripts/build.sh)" >&2; exit 1; }
work="$(mktemp -d)"
hub_pid=""
trap '[ -n "$hub_pid" ] && kill "$hub_pid" 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/models" "$work/home" "$work/hub" "$work/library"
echo "Writing $files files, $mib MiB in all…"
head -c "$((mib * 1024 * 1024))" /dev/urandom | split -a 5 -b "$((mib * 1024 * 1024 / files))" - "$work/models/f"
count=$(find "$work/models" -type f | wc -l)
bytes=$(du -sb "$work/models" | cut -f1)
find "$work/models" -type f -print0 | xargs -0 cat > /dev/null  # into the page cache

now() { date +%s.%N; }
start=$(now)
find "$work/models" -type f -print0 | xargs -0 openssl dgst -sha256 > /dev/null
openssl_s=$(echo "$(now) - $start" | bc)

export HOME="$work/home" HF_HUB_CACHE="$work/hub" MODELDOCK_LIBRARY="$work/library"
export MODELDOCK_DATA_DIR="$work/data"
start=$(now)
"$cli" library scan "$work/models" > "$work/first.txt"
first_s=$(echo "$(now) - $start" | bc)
start=$(now)
"$cli" library scan "$work/models" > "$work/again.txt"
again_s=$(echo "$(now) - $start" | bc)
tail -1 "$work/first.txt"
tail -1 "$work/again.txt"

mibs() { echo "scale=0; $bytes / 1048576 / $1" | bc; }
printf '\n%-44s %10s %12s\n' "$count files, $((bytes / 1048576)) MiB" "seconds" "MiB/s"
printf '%-44s %10.2f %12s\n' "openssl dgst -sha256 (one process)" "$openssl_s" "$(mibs "$openssl_s")"
printf '%-44s %10.2f %12s\n' "modeldock-cli library scan (first)" "$first_s" "$(mibs "$first_s")"
printf '%-44s %10.2f %12s\n' "modeldock-cli library scan (nothing changed)" "$again_s" "-"
echo "modeldock / openssl: $(echo "scale=2; $openssl_s / $first_s" | bc)x"

# Identifying files no hub knows: every hash is asked once, 100 to a request.
echo
echo "Writing $unknown files no hub knows…"
mkdir -p "$work/unknown"
for i in $(seq 1 "$unknown"); do echo "unknown model file $i $work" > "$work/unknown/u$i.bin"; done
coproc HUB { exec python3 "$root/tests/hub/testhub.py" --exit-on-stdin-eof 2>/dev/null; }
hub_pid=$HUB_PID
read -r hub_line <&"${HUB[0]}"
hub_url() { python3 -c 'import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$hub_line" "$1"; }
hf="$(hub_url hf)"
export MODELDOCK_CIVITAI_ENDPOINT="$(hub_url civitai)" HF_ENDPOINT="$hf" MODELDOCK_DATA_DIR="$work/data-identify"
"$cli" library scan "$work/unknown" > /dev/null  # hashing is measured above; this times the lookups
curl -s -X POST "$hf/_admin/reset" > /dev/null
start=$(now)
"$cli" library scan "$work/unknown" --identify > "$work/identify.txt"
identify_s=$(echo "$(now) - $start" | bc)
lookups=$(curl -s "$hf/_admin/requests?origin=civitai" |
    python3 -c 'import json, sys; print(sum(r["method"] == "POST" and r["path"].endswith("/by-hash") for r in json.load(sys.stdin)))')
curl -s -X POST "$hf/_admin/reset" > /dev/null
start=$(now)
"$cli" library scan "$work/unknown" --identify > "$work/identify-again.txt"
again_identify_s=$(echo "$(now) - $start" | bc)
again_lookups=$(curl -s "$hf/_admin/requests?origin=civitai" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')
tail -1 "$work/identify.txt"
printf '\n%-44s %10s %12s\n' "$unknown unknown files" "seconds" "requests"
printf '%-44s %10.2f %12s\n' "library scan --identify (first)" "$identify_s" "$lookups"
printf '%-44s %10.2f %12s\n' "library scan --identify (again)" "$again_identify_s" "$again_lookups"
echo "$(python3 -c 'import sys; print(f"{int(sys.argv[1]):,}")' "$unknown") unknown hashes identified in $lookups requests"
floor=$(( (unknown + 99) / 100 ))
if [ "$lookups" -gt "$floor" ]; then
    echo "FLOOR MISSED: more than $floor requests for $unknown unknown hashes" >&2
    exit 1
fi
