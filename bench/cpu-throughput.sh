#!/usr/bin/env bash
# Guest CPU throughput of emu4e against QEMU on the same firmware, per workload of bench/guest:
#   cpu-work      the work.h kernels (sieve, CRC-32, insertion sort, a switch interpreter, memcpy;
#                 ~200 M instructions on core 0), MMU off
#   cpu-work-mmu  the same with stage 1 translation on (mmu.h: identity map, 2 MiB RAM blocks)
#   mem-work      MMU on, a 32 MiB working set visited page by page in a pseudo-random order and
#                 swept (beyond the 4 MiB reach of the translator's 1024-entry data TLB)
# Usage: bench/cpu-throughput.sh [runs] [modes] [workloads]   (default 3 runs, the median is
#        reported; modes: "interp jit" (default), "interp" or "jit": emu4e's --exec modes;
#        workloads: default "cpu-work cpu-work-mmu mem-work")
# Each emulator also runs the ROUNDS=0 twin of each program, and its time (JVM or QEMU start,
# board set-up, boot) is subtracted, so the ratio compares executing guest code only. emu4e's
# retired instructions (--stats) give its guest MIPS; QEMU's MIPS is the same instruction count
# over QEMU's time. The checksum each program prints must be QEMU's (cpu-work's is also known
# here, for runs without QEMU). EMU4E_JAVA_OPTS is passed to the JVM (e.g. -Demu4e.jit.threshold=N).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
runs=${1:-3}
modes=${2:-interp jit}
workloads=${3:-cpu-work cpu-work-mmu mem-work}
bench_jar
bench_guests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
expect_empty="checksum 0x0"

# median wall-clock seconds of $runs runs of "$@", checking the transcript (an empty $want:
# the first run's output, which later runs must repeat); the last run's stderr stays in
# $work/run.stderr and its stdout in $work/run.stdout
median_of() {
    local want=$1 i
    shift
    for i in $(seq "$runs"); do
        bench_run "$work/run" "$@" || { echo "bench: '$*' failed:" >&2; cat "$work/run.stderr" >&2; exit 1; }
        [ -n "$want" ] || want=$(tr -d '\r' <"$work/run.stdout")
        if [ "$(tr -d '\r' <"$work/run.stdout")" != "$want" ]; then
            echo "bench: unexpected output from $*: $(cat "$work/run.stdout") (expected $want)" >&2
            exit 1
        fi
        cut -d' ' -f1 "$work/run"
    done >"$work/times"
    median <"$work/times"
}

read -ra opts <<<"${EMU4E_JAVA_OPTS:-}"
emu=("$JAVA_HOME/bin/java" ${opts[@]+"${opts[@]}"} -jar "$jar" -M virt -cpu cortex-a53 -m 128M -nographic --stats)
qemu=(qemu-system-aarch64 -M virt -cpu cortex-a53 -m 128M -nographic)

for wl in $workloads; do
    elf="$root/bench/guest/build/$wl.elf"
    empty="$root/bench/guest/build/$wl-empty.elf"
    [ -f "$elf" ] || { echo "bench: no workload $wl (bench/guest/build/$wl.elf)" >&2; exit 1; }
    expect=""
    [ "$wl" = cpu-work ] && expect="checksum 0x800ada011f4b4cb9"
    q_full=""
    if bench_qemu; then
        q_full=$(median_of "$expect" "${qemu[@]}" -kernel "$elf")
        expect=$(tr -d '\r' <"$work/run.stdout")
        q_empty=$(median_of "$expect_empty" "${qemu[@]}" -kernel "$empty")
    fi
    echo "$wl: $expect; load before the emu4e runs: $(load_now)"
    for mode in $modes; do
        e_full=$(median_of "$expect" "${emu[@]}" --exec "$mode" -kernel "$elf")
        insns=$(stats_insns "$work/run.stderr")
        e_empty=$(median_of "$expect_empty" "${emu[@]}" --exec "$mode" -kernel "$empty")
        insns_empty=$(stats_insns "$work/run.stderr")
        awk -v w="$wl" -v m="$mode" -v ef="$e_full" -v ee="$e_empty" -v qf="$q_full" -v qe="${q_empty:-}" \
            -v i="$insns" -v ie="$insns_empty" 'BEGIN {
            en = ef - ee; g = (i - ie) / 1e6
            if (qf == "") {
                printf "%s --exec %s (median of runs): emu4e %.2f s (start-up %.2f s)\n", w, m, ef, ee
                printf "guest code only, --exec %s: emu4e %.2f s, %.1f M instructions, %.0f MIPS\n", m, en, g, g / en
                exit
            }
            qn = qf - qe; if (qn < 0.001) qn = 0.001
            printf "%s --exec %s (median of runs): emu4e %.2f s (start-up %.2f s), qemu %.2f s (start-up %.2f s)\n", w, m, ef, ee, qf, qe
            printf "guest code only, --exec %s: emu4e %.2f s, qemu %.3f s -> emu4e/qemu time ratio %.1f\n", m, en, qn, en / qn
            printf "guest MIPS, --exec %s: emu4e %.0f, qemu %.0f (%.1f M instructions counted by emu4e)\n", m, g / en, g / qn, g
        }'
    done
done
