# Shared helpers of the bench/ scripts (sourced, bash). Sets:
#   root     the checkout          jar    emulator-engine/target/emu4e-cli.jar
#   JAVA_HOME (a JDK 21+, as ./emu4e picks it)
# and offers bench_jar, bench_guests, bench_linux, bench_qemu, bench_run, median, stats_insns, load_now.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../.mvn/wrapper/java-home.sh
. "$root/.mvn/wrapper/java-home.sh"
jar="$root/emulator-engine/target/emu4e-cli.jar"

# Builds the CLI jar when it is missing or older than the engine's sources (as ./emu4e would),
# under the machine's Maven lock (mvnlock) where there is one, so no two builds overlap.
bench_jar() {
    if [ -f "$jar" ] && [ -z "$(find "$root/emulator-engine/src/main" "$root/emulator-engine/pom.xml" -newer "$jar" -print -quit)" ]; then
        return 0
    fi
    echo "bench: building the engine (./mvnw package -DskipTests)..." >&2
    local lock=()
    if command -v mvnlock >/dev/null; then
        lock=(mvnlock)
    fi
    "${lock[@]}" "$root/mvnw" -q -B -f "$root/emulator-engine/pom.xml" package -DskipTests -Dfray.skip >&2
}

# Builds the guest programs of bench/guest (needs the AArch64 cross compiler).
bench_guests() {
    if ! command -v aarch64-linux-gnu-gcc >/dev/null; then
        echo "bench: aarch64-linux-gnu-gcc not found: the guest programs cannot be built" \
            "(Debian/Ubuntu: apt-get install gcc-aarch64-linux-gnu)" >&2
        exit 1
    fi
    make -s -C "$root/bench/guest"
}

# bench_linux DIR MARKER: Debian's arm64 kernel and busybox (fetched once by scripts/fetch-linux.sh,
# root and apt, into ~/.cache/emu4e/linux) and DIR/initrd.gz, whose /init mounts /proc, /sys and
# /dev, prints MARKER where a shell would start, and powers off (poweroff -f). Sets linux=DIR,
# where DIR/Image and DIR/VERSION link to the cached kernel.
bench_linux() {
    local dir=$1 marker=$2 assets tool
    command -v cpio >/dev/null || { echo "bench: cpio not found (apt-get install cpio)" >&2; exit 1; }
    if [ ! -s "${EMU4E_LINUX_CACHE:-$HOME/.cache/emu4e/linux}/Image" ]; then
        echo "bench: fetching Debian's arm64 kernel and busybox (scripts/fetch-linux.sh, root and apt)..." >&2
    fi
    assets=$(bash "$root/scripts/fetch-linux.sh" | tail -1)
    [ -s "$assets/Image" ] || { echo "bench: scripts/fetch-linux.sh gave no kernel" >&2; exit 1; }
    mkdir -p "$dir/rootfs/bin" "$dir/rootfs/proc" "$dir/rootfs/sys" "$dir/rootfs/dev"
    cp "$assets/busybox" "$dir/rootfs/bin/busybox"
    chmod 755 "$dir/rootfs/bin/busybox"
    for tool in sh echo mount poweroff; do ln -sf busybox "$dir/rootfs/bin/$tool"; done
    printf '%s\n' '#!/bin/sh' 'mount -t proc proc /proc' 'mount -t sysfs sys /sys' \
        'mount -t devtmpfs dev /dev 2>/dev/null' "echo \"$marker\"" 'poweroff -f' >"$dir/rootfs/init"
    chmod 755 "$dir/rootfs/init"
    (cd "$dir/rootfs" && find . | cpio -o -H newc 2>/dev/null | gzip >"$dir/initrd.gz")
    ln -sf "$assets/Image" "$dir/Image"
    ln -sf "$assets/VERSION" "$dir/VERSION"
    linux=$dir
}

# True when qemu-system-aarch64 is there; otherwise says once that only emu4e is measured.
bench_qemu() {
    if command -v qemu-system-aarch64 >/dev/null; then
        return 0
    fi
    if [ -z "${bench_qemu_told:-}" ]; then
        echo "bench: qemu-system-aarch64 not found: measuring emu4e only, no ratios" \
            "(Debian/Ubuntu: apt-get install qemu-system-arm)" >&2
        bench_qemu_told=1
    fi
    return 1
}

# bench_run OUT CMD...: runs CMD with stdout to OUT.stdout and stderr to OUT.stderr; writes
# "wall_seconds peak_rss_kib" to OUT (the peak RSS is "-" without GNU time at /usr/bin/time).
bench_run() {
    local out=$1 start end rc=0
    shift
    start=$EPOCHREALTIME
    if [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then
        /usr/bin/time -f %M -o "$out.rss" "$@" >"$out.stdout" 2>"$out.stderr" || rc=$?
    else
        "$@" >"$out.stdout" 2>"$out.stderr" || rc=$?
        echo - >"$out.rss"
    fi
    end=$EPOCHREALTIME
    echo "$(echo "$end - $start" | bc) $(tail -1 "$out.rss")" >"$out"
    return $rc
}

# median of the numbers on stdin, one a line
median() {
    sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else print a[int((NR + 1) / 2)] }'
}

# total retired instructions from an emu4e --stats stderr file
stats_insns() {
    sed -n 's/^emu4e: stats: [0-9]* vCPUs*, \([0-9]*\) instructions.*/\1/p' "$1" | tail -1
}

load_now() {
    uptime | sed 's/.*load average/load average/'
}
