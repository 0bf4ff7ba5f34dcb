#!/usr/bin/env bash
# Fails when a C++ file of the repository is not formatted as .clang-format says. With --fix
# it formats them instead. CI runs the check; run --fix before you commit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.h')
if [ "${1:-}" = "--fix" ]; then
    clang-format -i "${files[@]}"
    exit 0
fi
if ! clang-format --dry-run --Werror "${files[@]}" 2>/tmp/modeldock-format.log; then
    grep -o '^[^:]*\.\(cpp\|h\)' /tmp/modeldock-format.log | sort -u | sed 's/^/not formatted: /'
    echo "Run ./scripts/check-format.sh --fix" >&2
    exit 1
fi
echo "${#files[@]} files formatted as .clang-format says"
