#!/usr/bin/env bash
# Runs clang-tidy (.clang-tidy) over the C++ files changed since a base commit (default: the
# previous commit; MODELDOCK_TIDY_BASE=<commit> or --all for every file of core, ui and app)
# and fails on any finding. Needs a configured build (compile_commands.json in ./build).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build_dir="${MODELDOCK_BUILD_DIR:-build}"
[ -f "$build_dir/compile_commands.json" ] || { echo "no $build_dir/compile_commands.json: build first" >&2; exit 2; }
if [ "${1:-}" = "--all" ]; then
    mapfile -t files < <(git ls-files 'core/*.cpp' 'ui/*.cpp' 'app/*.cpp')
else
    base="${MODELDOCK_TIDY_BASE:-HEAD~1}"
    git rev-parse --verify -q "$base" >/dev/null || base="$(git rev-list --max-parents=0 HEAD | tail -1)"
    mapfile -t files < <(git diff --name-only --diff-filter=AMR "$base" -- 'core/*.cpp' 'ui/*.cpp' 'app/*.cpp')
fi
if [ "${#files[@]}" -eq 0 ]; then
    echo "clang-tidy: no C++ source changed"
    exit 0
fi
log="$(mktemp)"
printf '%s\n' "${files[@]}" | xargs -P "$(nproc)" -n 4 clang-tidy -p "$build_dir" --quiet >"$log" 2>/dev/null || true
if grep -q ': warning: \|: error: ' "$log"; then
    grep ': warning: \|: error: ' "$log" | sort -u
    rm -f "$log"
    exit 1
fi
rm -f "$log"
echo "clang-tidy: ${#files[@]} files clean"
