#!/usr/bin/env bash
# Linux boot time to the shell prompt, emu4e against QEMU on the same kernel and initramfs.
# Usage: bench/linux-boot.sh [runs] [modes] [cpus]
#   runs  (default 3, the median is reported)   modes: emu4e --exec modes (default "interp jit")
#   cpus: the -smp values to measure (default "1 4")
# Kernel and busybox: Debian's arm64 packages, fetched once by scripts/fetch-linux.sh (root and
# apt) into ~/.cache/emu4e/linux. The initramfs's /init mounts /proc, /sys and /dev, prints the
# marker "emu4e-bench: shell up" where the shell would start, and powers off (poweroff -f).
# Per emulator and CPU count: the time from start to the marker (boot), to the exit, the host's
# peak RSS (GNU time), emu4e's guest instructions and MIPS (--stats), and emu4e/QEMU ratios.
# EMU4E_JAVA_OPTS goes to emu4e's JVM (see ./emu4e).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
runs=${1:-3}
modes=${2:-interp jit}
cpu_counts=${3:-1 4}
marker="emu4e-bench: shell up"

bench_jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bench_linux "$work" "$marker"

# boot LABEL CMD...: one boot; prints "to_marker to_exit peak_rss_kib instructions"
boot() {
    local label=$1 start t_marker="" t_end line
    shift
    start=$EPOCHREALTIME
    # the emulator's stdout is read line by line; the marker's arrival time is noted
    while IFS= read -r line; do
        if [ -z "$t_marker" ] && [[ $line == *"$marker"* ]]; then
            t_marker=$EPOCHREALTIME
        fi
    done < <(if [ -x /usr/bin/time ]; then
                 /usr/bin/time -f %M -o "$work/$label.rss" "$@" 2>"$work/$label.stderr"
             else
                 "$@" 2>"$work/$label.stderr"; echo - >"$work/$label.rss"
             fi)
    wait $! 2>/dev/null || true
    t_end=$EPOCHREALTIME
    if [ -z "$t_marker" ]; then
        echo "bench: $label: no '$marker' on the console; stderr:" >&2
        tail -20 "$work/$label.stderr" >&2
        exit 1
    fi
    echo "$(echo "$t_marker - $start" | bc) $(echo "$t_end - $start" | bc) $(tail -1 "$work/$label.rss")" \
        "$(stats_insns "$work/$label.stderr")"
}

# measure LABEL CMD...: $runs boots; the medians "to_marker to_exit rss insns" go to $work/LABEL.median
measure() {
    local label=$1 i
    shift
    for i in $(seq "$runs"); do
        boot "$label" "$@"
    done >"$work/$label.runs"
    for col in 1 2 3 4; do
        awk -v c=$col '{ print $c }' "$work/$label.runs" | median
    done | xargs >"$work/$label.median"
}

linux_args=(-M virt -cpu cortex-a53 -m 512M -nographic -kernel "$linux/Image" -initrd "$linux/initrd.gz"
    -append "console=ttyAMA0 rdinit=/init")
echo "Linux boot to '$marker' ($(cat "$linux/VERSION" 2>/dev/null || echo "kernel in $linux"), -m 512M)," \
    "median of $runs; load before: $(load_now)"
printf '%-22s %5s %9s %9s %10s %9s %8s %8s\n' emulator vCPUs "boot s" "exit s" "peak RSS" "insns M" MIPS "/ qemu"
for cpus in $cpu_counts; do
    q_boot=""
    if bench_qemu; then
        measure "qemu-$cpus" qemu-system-aarch64 "${linux_args[@]}" -smp "$cpus"
        read -r q_boot q_exit q_rss _ <"$work/qemu-$cpus.median"
        printf '%-22s %5d %9.2f %9.2f %7d MiB %9s %8s %8s\n' "qemu TCG" "$cpus" "$q_boot" "$q_exit" \
            $((q_rss / 1024)) - - 1
    fi
    for mode in $modes; do
        measure "emu4e-$mode-$cpus" "$root/emu4e" "${linux_args[@]}" -smp "$cpus" --exec "$mode" --stats
        read -r e_boot e_exit e_rss e_insns <"$work/emu4e-$mode-$cpus.median"
        awk -v m="$mode" -v n="$cpus" -v b="$e_boot" -v x="$e_exit" -v r="$e_rss" -v i="$e_insns" -v q="$q_boot" 'BEGIN {
            printf "%-22s %5d %9.2f %9.2f %7s MiB %9.1f %8.1f %8s\n", "emu4e --exec " m, n, b, x,
                r == "-" ? "-" : int(r / 1024), i / 1e6, i / 1e6 / x, q == "" ? "-" : sprintf("%.1f", b / q)
        }'
    done
done
echo "load after: $(load_now)"
