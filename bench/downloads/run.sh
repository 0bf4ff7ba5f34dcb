#!/usr/bin/env bash
# Download benchmark: modeldock-cli against curl and aria2c, measured in the same run on
# loopback nginx. nginx serves a static Hugging Face-shaped mirror (model info and tree JSON
# as files, /resolve/ paths pointing at the data files), so modeldock-cli goes through its
# real path: planner, pool, verification, Hugging Face cache layout.
#
#   bench/downloads/run.sh [--quick] [--runs N]
#
# Cases: (a) one 2 GiB file; (b) 80 files of 40 MiB; (c) the 2 GiB file from an nginx that
# caps each connection at 20 MB/s (as CDNs do). Prints wall time, MB/s, CPU seconds and peak
# RSS per tool (medians over the runs, interleaved so machine noise hits every tool alike).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cli="${MODELDOCK_CLI:-$root/build/bin/modeldock-cli}"
runs=3
big_mib=2048
small_count=80
small_mib=40
capped_rate=20m
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) runs=1; big_mib=512; small_count=40; small_mib=8 ;;
        --runs) runs="$2"; shift ;;
        *) echo "usage: $0 [--quick] [--runs N]" >&2; exit 2 ;;
    esac
    shift
done

for tool in nginx curl aria2c /usr/bin/time python3; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "Installing benchmark peers (nginx-light, curl, aria2, time)…"
        sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
        "${sudo_cmd[@]}" apt-get update -qq
        DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq nginx-light curl aria2 time
        break
    fi
done
[ -x "$cli" ] || "$root/scripts/build.sh"

work="${MODELDOCK_BENCH_DIR:-/tmp/modeldock-bench}"
data="$work/data"
mkdir -p "$data"
python3 "$root/bench/downloads/make_mirror.py" --work "$work" --big-mib "$big_mib" \
    --small-count "$small_count" --small-mib "$small_mib"

port=$((20000 + RANDOM % 20000))
capped_port=$((port + 1))
conf="$work/nginx.conf"
cat > "$conf" <<NGINX
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
daemon on;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 10000;
    types { application/json json; application/octet-stream bin; }
    default_type application/octet-stream;
    server {
        listen 127.0.0.1:$port;
        root $work/www;
        location /api/ { default_type application/json; try_files \$uri/index.json \$uri =404; }
    }
    server {
        listen 127.0.0.1:$capped_port;
        root $work/www;
        limit_rate $capped_rate;
        location /api/ { default_type application/json; limit_rate 0; try_files \$uri/index.json \$uri =404; }
    }
}
NGINX
nginx -c "$conf" -p "$work"
trap 'nginx -c "$conf" -p "$work" -s stop 2>/dev/null || true' EXIT

results="$work/results.tsv"
: > "$results"
# measure CASE TOOL BYTES COMMAND…  → appends "case tool wall user sys maxrss_kib bytes"
measure() {
    local case_name="$1" tool="$2" bytes="$3"; shift 3
    rm -rf "$work/out" && mkdir -p "$work/out"
    sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
    if ! /usr/bin/time -o "$work/time.txt" -f '%e %U %S %M' "$@" >/dev/null 2>"$work/last-stderr"; then
        echo "FAILED: $case_name $tool" >&2
        tail -5 "$work/last-stderr" >&2
        return 1
    fi
    echo "$case_name $tool $(cat "$work/time.txt") $bytes" >> "$results"
}

big_bytes=$((big_mib * 1024 * 1024))
small_bytes=$((small_count * small_mib * 1024 * 1024))
base="http://127.0.0.1:$port"
capped="http://127.0.0.1:$capped_port"
big_url_path=$(cat "$work/big-url-path")
sed "s|^|$base|" "$work/small-url-paths.txt" > "$work/small-urls.txt"
for run in $(seq 1 "$runs"); do
    echo "run $run/$runs"
    # (a) one big file
    measure a curl "$big_bytes" curl -sf -o "$work/out/big.bin" "$base$big_url_path"
    measure a aria2c-x1 "$big_bytes" aria2c -q -x1 -s1 --file-allocation=none -d "$work/out" -o big.bin "$base$big_url_path"
    measure a modeldock "$big_bytes" "$cli" --hf-endpoint "$base" --hf-cache "$work/out/hub" --data-dir "$work/out/data" \
        download bench/big
    # (b) many files
    measure b aria2c-j16 "$small_bytes" aria2c -q -j16 -x1 --file-allocation=none -d "$work/out" -i "$work/small-urls.txt"
    measure b modeldock "$small_bytes" "$cli" --hf-endpoint "$base" --hf-cache "$work/out/hub" --data-dir "$work/out/data" \
        download bench/pack --max-active 16 --per-host 6
    # (c) per-connection capped server
    measure c curl "$big_bytes" curl -sf -o "$work/out/big.bin" "$capped$big_url_path"
    measure c aria2c-x8 "$big_bytes" aria2c -q -x8 -s8 -k1M --file-allocation=none -d "$work/out" -o big.bin "$capped$big_url_path"
    measure c modeldock "$big_bytes" "$cli" --hf-endpoint "$capped" --hf-cache "$work/out/hub" --data-dir "$work/out/data" \
        download bench/big
done
python3 "$root/bench/downloads/report.py" "$results"
