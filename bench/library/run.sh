#!/usr/bin/env bash
# Library scan: `modeldock-cli library scan` hashing 10,000 files (2 GiB in all) next to
# `openssl dgst -sha256` over the same files in the same run — one OpenSSL process, the
# hashing bound of this machine — then a rescan with nothing changed.
#
#   bench/library/run.sh [--files N] [--mib M]      (defaults 10000 files, 2048 MiB)
#
# Files are read from the page cache in both runs (each reads them once first).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cli="${MODELDOCK_CLI:-$root/build/bin/modeldock-cli}"
files=10000
mib=2048
while [ $# -gt 0 ]; do
    case "$1" in
        --files) files="$2"; shift 2 ;;
        --mib) mib="$2"; shift 2 ;;
        *) echo "usage: $0 [--files N] [--mib M]" >&2; exit 2 ;;
    esac
done
[ -x "$cli" ] || { echo "build first: $cli is missing (./scripts/build.sh)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
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
