#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages ModelDock needs to build, test and run, and only
# those that are missing. Safe to run again: with everything present it does nothing.
set -euo pipefail

packages=(
    g++ cmake ninja-build pkg-config ccache
    qt6-base-dev libqt6sql6-sqlite libgl-dev qtkeychain-qt6-dev
    # Translations: lupdate and lrelease, their CMake package, and Qt's own translations
    # (qtbase_zh_CN); a CJK font so the Chinese interface (and its screenshot) shows glyphs.
    qt6-l10n-tools qt6-tools-dev qt6-translations-l10n fonts-noto-cjk
    libarchive-dev libssl-dev
    liblz4-dev  # LZ4 frames in Xet chunks (core/xet)
    python3 ca-certificates
    # The BLAKE3 reference the test hub's Xet library (tests/hub/native) is checked against.
    b3sum
    xvfb xauth
    clang clang-format clang-tidy
    exfatprogs exfat-fuse  # a real exFAT drive (no symlinks) for the cache tests
    # The Debian package and its checks (ctest -L packaging): man pages from --help, the
    # package's dependencies, lintian, AppStream and desktop entry validation, man rendering.
    help2man dpkg-dev file lintian appstream desktop-file-utils man-db bash-completion
    # A real Secret Service for tst_keyringsecretstore_live (its own D-Bus session).
    gnome-keyring dbus-daemon
)
node_minimum=18  # @huggingface/hub (conformance test) needs Node.js 18 or newer

node_major() {
    local version
    version="$(node --version 2>/dev/null)" || return 1
    version="${version#v}"
    echo "${version%%.*}"
}

node_ok() {
    command -v npm >/dev/null 2>&1 || return 1
    local major
    major="$(node_major)" || return 1
    [ "$major" -ge "$node_minimum" ]
}

# The fuzz targets (tests/fuzz/run.sh) link libFuzzer, which is in the runtime package of the
# distribution's default clang (Debian 12: libclang-rt-14-dev), a recommendation apt skips here.
clang_major="$(apt-cache depends clang 2>/dev/null | sed -n 's/.*Depends: clang-\([0-9][0-9]*\)$/\1/p' | head -1)"
if [ -n "$clang_major" ]; then
    packages+=("libclang-rt-$clang_major-dev")
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$package")
    fi
done

# Any Node.js 18+ with npm counts (e.g. NodeSource's). Otherwise the distribution's packages
# are installed, unless a Node.js that apt does not own comes first on PATH: apt cannot fix that.
if ! node_ok; then
    node_path="$(command -v node || true)"
    if [ -n "$node_path" ] && ! dpkg -S "$(readlink -f "$node_path")" >/dev/null 2>&1; then
        echo "Node.js $(node --version 2>/dev/null) at $node_path is too old or lacks npm:" >&2
        echo "ModelDock's conformance test needs Node.js $node_minimum or newer with npm." >&2
        echo "Upgrade that installation, or remove it from PATH so the distribution's nodejs is used." >&2
        exit 1
    fi
    missing+=(nodejs npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "ModelDock needs these packages and cannot install them without root or sudo:" >&2
        echo "  ${missing[*]}" >&2
        exit 1
    fi
    sudo=(sudo)
fi
echo "Installing: ${missing[*]}"
"${sudo[@]}" apt-get update -qq
# Through env: sudo drops variables set in front of it.
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}"

hash -r
if ! node_ok; then
    echo "This distribution's Node.js ($(node --version 2>/dev/null || echo none)) is older than" \
         "$node_minimum, which ModelDock's conformance test needs." >&2
    echo "Install Node.js $node_minimum or newer with npm (e.g. from https://github.com/nodesource/distributions)" \
         "and run this again." >&2
    exit 1
fi
