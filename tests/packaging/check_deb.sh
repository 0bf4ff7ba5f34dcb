#!/usr/bin/env bash
# ctest packaging_deb: builds the Debian package from this build folder (cpack -G DEB), then
# checks it the way Debian would: the file name, stripped binaries and their dbgsym package,
# lintian (no error), AppStream metadata and the desktop entry validate, the man pages render,
# the completions parse, and the dependencies are the ones dpkg-shlibdeps found.
# Prints the installed size, the .deb size and what lintian still says.
# Usage: check_deb.sh BUILD_DIR WORK_DIR. Exit 77 (ctest: skipped) when a tool is missing,
# except under CI (CI=true), where scripts/install-deps.sh must have installed them.
set -euo pipefail
build="$1"
work="$2"

missing=()
for tool in cpack dpkg-deb dpkg-shlibdeps lintian appstreamcli desktop-file-validate man help2man file; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "missing: ${missing[*]} (scripts/install-deps.sh installs them)"
    [ "${CI:-}" = "true" ] && exit 1
    exit 77
fi

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

rm -rf "$work"
mkdir -p "$work"
# Man pages and the other generated files must be current: a package of stale files is no test.
cmake --build "$build" --target modeldock_packaging_files >/dev/null
(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1) ||
    { cat "$work/cpack.log"; fail "cpack -G DEB failed"; }

arch="$(dpkg --print-architecture)"
shopt -s nullglob
debs=("$work"/out/*.deb)
ddebs=("$work"/out/*.ddeb)
[ ${#debs[@]} -eq 1 ] || fail "expected one .deb, found: ${debs[*]:-none}"
deb="${debs[0]}"
version="$(dpkg-deb -f "$deb" Version)"
name="$(basename "$deb")"
[ "$name" = "modeldock_${version}_${arch}.deb" ] || fail "file name $name is not modeldock_${version}_${arch}.deb"
[ ${#ddebs[@]} -eq 1 ] && [ "$(basename "${ddebs[0]}")" = "modeldock-dbgsym_${version}_${arch}.ddeb" ] ||
    fail "no debug symbols package modeldock-dbgsym_${version}_${arch}.ddeb (found: ${ddebs[*]:-none})"

root="$work/root"
dpkg-deb -x "$deb" "$root"
for binary in "$root"/usr/bin/*; do
    description="$(file -b "$binary")"
    case "$description" in
        *"not stripped"* | *"with debug_info"*) fail "$(basename "$binary") is not stripped: $description" ;;
        *stripped*) ;;
        *) fail "$(basename "$binary"): unexpected file type: $description" ;;
    esac
done
dbg="$work/dbgsym"
dpkg-deb -x "${ddebs[0]}" "$dbg"
[ -n "$(find "$dbg/usr/lib/debug" -name '*.debug' -size +100k)" ] || fail "the dbgsym package holds no debug information"

for path in usr/share/doc/modeldock/copyright usr/share/doc/modeldock/changelog.gz \
    usr/share/man/man1/modeldock.1.gz usr/share/man/man1/modeldock-cli.1.gz \
    usr/share/bash-completion/completions/modeldock-cli usr/share/zsh/vendor-completions/_modeldock-cli \
    usr/share/metainfo/io.github.modeldock.ModelDock.metainfo.xml \
    usr/share/applications/io.github.modeldock.ModelDock.desktop; do
    [ -e "$root/$path" ] || fail "not in the package: /$path"
done
grep -q '^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' \
    "$root/usr/share/doc/modeldock/copyright" || fail "copyright is not machine-readable (DEP-5)"

depends="$(dpkg-deb -f "$deb" Depends)"
for dependency in libqt6core6 libqt6widgets6 libqt6sql6-sqlite libarchive13 libssl3; do
    [[ "$depends" == *"$dependency"* ]] || fail "Depends lacks $dependency: $depends"
done
recommends="$(dpkg-deb -f "$deb" Recommends)"
for recommended in qt6-translations-l10n qt6-wayland qt6-gtk-platformtheme; do
    [[ "$recommends" == *"$recommended"* ]] || fail "Recommends lacks $recommended: $recommends"
done
[[ "$(dpkg-deb -f "$deb" Maintainer)" == *"<"*"@"*">" ]] || fail "the maintainer has no address"

appstreamcli validate --no-net --explain "$root/usr/share/metainfo/io.github.modeldock.ModelDock.metainfo.xml" ||
    fail "appstreamcli validate rejects the metainfo"
desktop-file-validate "$root/usr/share/applications/io.github.modeldock.ModelDock.desktop" ||
    fail "desktop-file-validate rejects the desktop entry"

for page in modeldock modeldock-cli; do
    file="$root/usr/share/man/man1/$page.1.gz"
    text="$(MANWIDTH=80 man -l "$file" 2>"$work/man-$page.err")" || fail "man -l $page.1.gz failed"
    [ ! -s "$work/man-$page.err" ] || { cat "$work/man-$page.err"; fail "man -l $page.1.gz warns"; }
    grep -q -- "--version" <<<"$text" || fail "$page(1) does not document --version"
done
# Every command of modeldock-cli has its section in the man page.
cli_text="$(MANWIDTH=200 man -l "$root/usr/share/man/man1/modeldock-cli.1.gz" 2>/dev/null)"
for command in settings sync search show download update rollback library; do
    grep -q "^   $command\$" <<<"$cli_text" || fail "modeldock-cli(1) has no section for $command"
done

bash -n "$root/usr/share/bash-completion/completions/modeldock-cli" || fail "the bash completion does not parse"
# The bash completion offers commands, options and model ids from the catalog (the hidden
# `modeldock-cli __complete-models`), run as bash runs it.
if [ -f /usr/share/bash-completion/bash_completion ]; then
    mkdir -p "$work/data"
    python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("CREATE TABLE models(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE)")
db.executemany("INSERT INTO models(key) VALUES (?)", [("TheBloke/a-GGUF",), ("TheBloke/b-GGUF",), ("civitai:42",)])
db.commit()' "$work/data/catalog.sqlite"
    completions="$(MODELDOCK_DATA_DIR="$work/data" PATH="$build/bin:$PATH" bash -c '
        source /usr/share/bash-completion/bash_completion
        source "$1"
        complete_line() {
            COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
            COMPREPLY=(); _modeldock_cli; echo "$*: ${COMPREPLY[*]}"
        }
        complete_line modeldock-cli dow
        complete_line modeldock-cli download TheB
        complete_line modeldock-cli --library-layout com
        complete_line modeldock-cli download --inc' _ "$root/usr/share/bash-completion/completions/modeldock-cli")"
    for expected in "modeldock-cli dow: download" "modeldock-cli download TheB: TheBloke/a-GGUF TheBloke/b-GGUF" \
        "modeldock-cli --library-layout com: comfyui" "modeldock-cli download --inc: --include"; do
        grep -qxF "$expected" <<<"$completions" || { echo "$completions"; fail "bash completion: expected '$expected'"; }
    done
fi
if command -v zsh >/dev/null 2>&1; then
    zsh -n "$root/usr/share/zsh/vendor-completions/_modeldock-cli" || fail "the zsh completion does not parse"
fi

# --fail-on error: warnings are listed (and explained in packaging/README.md), errors fail.
lintian --fail-on error --tag-display-limit 0 --display-info "$deb" >"$work/lintian.txt" 2>&1 ||
    { cat "$work/lintian.txt"; fail "lintian reports errors"; }

echo "package:        $name ($(du -k "$deb" | cut -f1) KiB; dbgsym $(du -k "${ddebs[0]}" | cut -f1) KiB)"
echo "installed size: $(dpkg-deb -f "$deb" Installed-Size) KiB"
echo "depends:        $depends"
echo "lintian:        $(grep -c '^E:' "$work/lintian.txt" || true) errors," \
    "$(grep -c '^W:' "$work/lintian.txt" || true) warnings, $(grep -c '^I:' "$work/lintian.txt" || true) infos"
grep -v '^N:' "$work/lintian.txt" | grep -v 'running with root privileges' || true
