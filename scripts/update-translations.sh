#!/usr/bin/env bash
# Refreshes translations/*.ts from the sources (core/, ui/, app/): new strings appear as
# unfinished entries to translate (Qt Linguist: `linguist translations/modeldock_zh_CN.ts`),
# strings gone from the code are dropped. The English file carries only the plural forms of
# the strings that count with %n; its new entries are filled here by the "(s)" rule, so a new
# "%n file(s)" needs no hand work in English.
#   scripts/update-translations.sh [OUTPUT_DIR]
# With OUTPUT_DIR, the refreshed copies are written there and translations/ is left as it is
# (the `translations_current` test compares such a copy with the committed files).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/translations}"
lupdate="${LUPDATE:-}"
if [ -z "$lupdate" ]; then
    for candidate in /usr/lib/qt6/bin/lupdate "$(command -v lupdate6 || true)" "$(command -v lupdate || true)"; do
        if [ -n "$candidate" ] && [ -x "$candidate" ]; then
            lupdate="$candidate"
            break
        fi
    done
fi
[ -n "$lupdate" ] || { echo "lupdate not found: install qt6-l10n-tools" >&2; exit 1; }

mkdir -p "$out"
out="$(cd "$out" && pwd)"  # the lupdate runs below start from the source root
if [ "$out" != "$root/translations" ]; then
    cp "$root"/translations/modeldock_*.ts "$out"/
fi
cd "$root"
# No source locations: a change above a string, or in another checkout, leaves the file as it
# is (Qt Linguist finds a string in the code by its context and text).
common=(-no-obsolete -locations none -extensions cpp,h -silent -disable-heuristic similartext -disable-heuristic sametext)
"$lupdate" "${common[@]}" core ui app -ts "$out/modeldock_zh_CN.ts"
"$lupdate" "${common[@]}" -pluralonly core ui app -ts "$out/modeldock_en.ts"
python3 "$root/scripts/translations.py" fill-english "$out/modeldock_en.ts"
