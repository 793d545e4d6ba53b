#!/usr/bin/env bash
# Fetches Debian's arm64 Linux kernel and busybox-static (Debian packages, by name) for the
# Linux boot test, once, into a cache outside the repository, and prints that directory.
# Needs root and apt (the CI machine and developer machines here are both). Output files:
#   $dir/Image      the uncompressed arm64 kernel Image (from linux-image-*-arm64's vmlinuz)
#   $dir/busybox    the static arm64 busybox binary
set -euo pipefail
dir="${EMU4E_LINUX_CACHE:-$HOME/.cache/emu4e/linux}"
if [ -s "$dir/Image" ] && [ -s "$dir/busybox" ]; then
    echo "$dir"
    exit 0
fi
mkdir -p "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DEBIAN_FRONTEND=noninteractive
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    dpkg --add-architecture arm64
fi
apt-get update -qq >/dev/null
command -v cpio >/dev/null || apt-get install -y -qq --no-install-recommends cpio >/dev/null
# the kernel package the arm64 meta-package currently points at
kpkg=$(apt-cache depends linux-image-arm64:arm64 | grep -o 'linux-image-[0-9][^ ]*-arm64' | head -1)
[ -n "$kpkg" ] || { echo "fetch-linux: no linux-image-*-arm64 package found" >&2; exit 1; }
(cd "$work" && apt-get download -qq "$kpkg:arm64" busybox-static:arm64 >/dev/null 2>&1)
dpkg-deb -x "$work"/linux-image-*.deb "$work/k"
dpkg-deb -x "$work"/busybox-static_*.deb "$work/b"
vmlinuz=$(ls "$work"/k/boot/vmlinuz-*)
if gzip -t "$vmlinuz" 2>/dev/null; then
    zcat "$vmlinuz" > "$dir/Image"
else
    cp "$vmlinuz" "$dir/Image"
fi
cp "$work/b/bin/busybox" "$dir/busybox"
echo "$kpkg" > "$dir/VERSION"
echo "$dir"
