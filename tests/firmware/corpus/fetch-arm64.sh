#!/usr/bin/env bash
# Fetches one file of a Debian arm64 package (by package name, from the machine's Debian
# mirror) for the firmware corpus, once, into a cache outside the repository, and prints its
# path. Usage: fetch-arm64.sh PACKAGE PATH-IN-PACKAGE. Needs root and apt, like
# scripts/fetch-linux.sh (it adds the arm64 architecture to dpkg if missing).
set -euo pipefail
pkg="$1"
file="$2"
dir="${EMU4E_CORPUS_CACHE:-$HOME/.cache/emu4e/corpus}/$pkg"
if [ -s "$dir/root/$file" ]; then
    echo "$dir/root/$file"
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DEBIAN_FRONTEND=noninteractive
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    dpkg --add-architecture arm64
    apt-get update -qq >/dev/null
fi
(cd "$work" && apt-get download -qq "$pkg:arm64" >/dev/null 2>&1) || {
    apt-get update -qq >/dev/null
    (cd "$work" && apt-get download -qq "$pkg:arm64" >/dev/null)
}
rm -rf "$dir"
mkdir -p "$dir"
dpkg-deb -x "$work"/*.deb "$dir/root"
[ -s "$dir/root/$file" ] || { echo "fetch-arm64: $pkg has no $file" >&2; exit 1; }
echo "$dir/root/$file"
