#!/usr/bin/env bash
# The `translations_current` test: translations/*.ts are what scripts/update-translations.sh
# would make of the sources now (no string added, changed or removed without the .ts), every
# entry is translated and keeps its %1, %n and &accelerator, and lrelease compiles each file
# with nothing unfinished.
#   check-translations.sh WORK_DIR
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$1"
rm -rf "$work"
mkdir -p "$work"
"$root/scripts/update-translations.sh" "$work"
status=0
for ts in "$root"/translations/*.ts; do
    name="$(basename "$ts")"
    if ! diff -u "$ts" "$work/$name"; then
        echo "translations/$name is stale: run scripts/update-translations.sh and translate what is new" >&2
        status=1
    fi
done
python3 "$root/scripts/translations.py" check "$root"/translations/*.ts || status=1
lrelease="${LRELEASE:-/usr/lib/qt6/bin/lrelease}"
for ts in "$root"/translations/*.ts; do
    report="$("$lrelease" "$ts" -qm "$work/$(basename "$ts" .ts).qm" 2>&1)"
    if ! grep -q ' 0 unfinished)' <<<"$report" || grep -qi 'error\|warning' <<<"$report"; then
        echo "lrelease $(basename "$ts"): $report" >&2
        status=1
    fi
done
exit "$status"
