#!/usr/bin/env bash
# Multi-core scaling: the same CPU-bound guest work (bench/guest/cpu-split.c: 80 rounds of the
# cpu-work kernels, ~280 M instructions) on 1 and on 2 vCPUs, where core 0 starts the others with
# PSCI CPU_ON and each core runs its share of the rounds. emu4e (each --exec mode) against QEMU's
# multi-threaded TCG (-accel tcg,thread=multi), same image, same checksum.
# Usage: bench/scaling.sh [runs] [modes] [guest]   (default 3 runs, median; modes default "interp jit";
# guest cpu-split (default) or sync-simd: bench/guest/sync-simd.c, exclusives (shared atomic
# counter, spinlock) and FP/SIMD kernels, ~104 M instructions, split over the cores the same way)
# Prints wall time, the guest work alone (minus the ROUNDS=0 twin's time: start-up and power-off),
# the 2-vCPU speed-up of both, and emu4e's guest MIPS (--stats). A speed-up needs two idle host
# cores: note the machine's load printed with it. EMU4E_JAVA_OPTS goes to emu4e's JVM.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
runs=${1:-3}
modes=${2:-interp jit}
guest=${3:-cpu-split}
# what QEMU 7.2 prints for each guest's rounds
case $guest in
    cpu-split) expect=0x15b4023699a254 ;;
    sync-simd) expect=0xe579712fe761f14e ;;
    *) echo "bench: unknown guest $guest (cpu-split, sync-simd)" >&2; exit 2 ;;
esac
bench_jar
bench_guests
elf="$root/bench/guest/build/$guest.elf"
empty="$root/bench/guest/build/$guest-empty.elf"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
args=(-M virt -cpu cortex-a53 -m 128M -nographic)

# measure LABEL CORES SUM CMD...: $runs runs, each checked to print "cores CORES checksum SUM";
# the medians "wall_seconds instructions" go to $work/LABEL.median
measure() {
    local label=$1 want="cores $2 checksum $3" i got
    shift 3
    for i in $(seq "$runs"); do
        bench_run "$work/$label" "$@" || { echo "bench: $label failed:" >&2; cat "$work/$label.stderr" >&2; exit 1; }
        got=$(tr -d '\r' <"$work/$label.stdout")
        if [ "$got" != "$want" ]; then
            echo "bench: $label printed '$got', not '$want'" >&2
            exit 1
        fi
        echo "$(cut -d' ' -f1 "$work/$label") $(stats_insns "$work/$label.stderr")"
    done >"$work/$label.runs"
    echo "$(awk '{ print $1 }' "$work/$label.runs" | median) $(awk '{ print $2 }' "$work/$label.runs" | median)" \
        >"$work/$label.median"
}

# report NAME WALL1 EMPTY1 WALL2 EMPTY2 INSNS1 INSNS2: one table row
report() {
    awk -v n="$1" -v w1="$2" -v e1="$3" -v w2="$4" -v e2="$5" -v i1="${6:-}" -v i2="${7:-}" 'BEGIN {
        g1 = w1 - e1; g2 = w2 - e2; if (g2 < 0.001) g2 = 0.001
        m1 = (i1 == "") ? "-" : sprintf("%.0f", i1 / 1e6 / w1); m2 = (i2 == "") ? "-" : sprintf("%.0f", i2 / 1e6 / w2)
        printf "%-22s %8.2f %8.2f %8.2f %8.2f %10.2f %10.2f %7s %7s\n", n, w1, w2, g1, g2, w1 / w2, g1 / g2, m1, m2
    }'
}

echo "$guest (bench/guest/$guest.c) on 1 and 2 vCPUs, median of $runs; load before: $(load_now)"
printf '%-22s %8s %8s %8s %8s %10s %10s %7s %7s\n' emulator "1 vCPU" "2 vCPUs" "work 1" "work 2" \
    "speed-up" "work s-up" "MIPS 1" "MIPS 2"
if bench_qemu; then
    q=()
    for n in 1 2; do
        measure "qemu-$n" "$n" "$expect" qemu-system-aarch64 "${args[@]}" -smp "$n" -accel tcg,thread=multi -kernel "$elf"
        measure "qemu-empty-$n" "$n" 0x0 qemu-system-aarch64 "${args[@]}" -smp "$n" -accel tcg,thread=multi -kernel "$empty"
        q+=("$(cut -d' ' -f1 "$work/qemu-$n.median")" "$(cut -d' ' -f1 "$work/qemu-empty-$n.median")")
    done
    report "qemu TCG (MTTCG)" "${q[0]}" "${q[1]}" "${q[2]}" "${q[3]}"
fi
for mode in $modes; do
    e=()
    for n in 1 2; do
        measure "emu4e-$mode-$n" "$n" "$expect" "$root/emu4e" "${args[@]}" -smp "$n" --exec "$mode" --stats -kernel "$elf"
        measure "emu4e-$mode-empty-$n" "$n" 0x0 "$root/emu4e" "${args[@]}" -smp "$n" --exec "$mode" -kernel "$empty"
        read -r w i <"$work/emu4e-$mode-$n.median"
        read -r ew _ <"$work/emu4e-$mode-empty-$n.median"
        e+=("$w" "$ew" "$i")
    done
    report "emu4e --exec $mode" "${e[0]}" "${e[1]}" "${e[3]}" "${e[4]}" "${e[2]}" "${e[5]}"
done
echo "(speed-up = 1-vCPU time / 2-vCPU time; 'work' = wall minus the ROUNDS=0 twin's wall; MIPS = emu4e's retired"
echo " instructions (--stats) per wall second)"
echo "load after: $(load_now)"
