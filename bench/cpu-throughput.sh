#!/usr/bin/env bash
# Guest CPU throughput of emu4e against QEMU on the same firmware (bench/guest/cpu-work.c: the
# work.h kernels, sieve, CRC-32, insertion sort, a switch interpreter, memcpy; ~140 M instructions
# on core 0).
# Usage: bench/cpu-throughput.sh [runs] [modes]   (default 3 runs, the median is reported;
#        modes: "interp jit" (default), "interp" or "jit": emu4e's --exec modes to measure)
# Each emulator also runs the ROUNDS=0 twin of the program, and its time (JVM or QEMU start,
# board set-up, boot) is subtracted, so the ratio compares executing guest code only. emu4e's
# retired instructions (--stats) give its guest MIPS; QEMU's MIPS is the same instruction count
# over QEMU's time. EMU4E_JAVA_OPTS is passed to the JVM (e.g. -Demu4e.jit.threshold=N).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
runs=${1:-3}
modes=${2:-interp jit}
bench_jar
bench_guests
elf="$root/bench/guest/build/cpu-work.elf"
empty="$root/bench/guest/build/cpu-work-empty.elf"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
expect="checksum 0x800ada011f4b4cb9"
expect_empty="checksum 0x0"

# median wall-clock seconds of $runs runs of "$@", checking the transcript; the last run's
# stderr stays in $work/run.stderr
median_of() {
    local want=$1 i
    shift
    for i in $(seq "$runs"); do
        bench_run "$work/run" "$@" || { echo "bench: '$*' failed:" >&2; cat "$work/run.stderr" >&2; exit 1; }
        if [ "$(tr -d '\r' <"$work/run.stdout")" != "$want" ]; then
            echo "bench: unexpected output from $*: $(cat "$work/run.stdout")" >&2
            exit 1
        fi
        cut -d' ' -f1 "$work/run"
    done >"$work/times"
    median <"$work/times"
}

read -ra opts <<<"${EMU4E_JAVA_OPTS:-}"
emu=("$JAVA_HOME/bin/java" ${opts[@]+"${opts[@]}"} -jar "$jar" -M virt -cpu cortex-a53 -m 128M -nographic --stats)
qemu=(qemu-system-aarch64 -M virt -cpu cortex-a53 -m 128M -nographic)

q_full=""
if bench_qemu; then
    q_full=$(median_of "$expect" "${qemu[@]}" -kernel "$elf")
    q_empty=$(median_of "$expect_empty" "${qemu[@]}" -kernel "$empty")
fi
echo "load before the emu4e runs: $(load_now)"
for mode in $modes; do
    e_full=$(median_of "$expect" "${emu[@]}" --exec "$mode" -kernel "$elf")
    insns=$(stats_insns "$work/run.stderr")
    e_empty=$(median_of "$expect_empty" "${emu[@]}" --exec "$mode" -kernel "$empty")
    insns_empty=$(stats_insns "$work/run.stderr")
    awk -v m="$mode" -v ef="$e_full" -v ee="$e_empty" -v qf="$q_full" -v qe="${q_empty:-}" \
        -v i="$insns" -v ie="$insns_empty" 'BEGIN {
        en = ef - ee; g = (i - ie) / 1e6
        if (qf == "") {
            printf "cpu-work --exec %s (median of runs): emu4e %.2f s (start-up %.2f s)\n", m, ef, ee
            printf "guest code only, --exec %s: emu4e %.2f s, %.1f M instructions, %.0f MIPS\n", m, en, g, g / en
            exit
        }
        qn = qf - qe; if (qn < 0.001) qn = 0.001
        printf "cpu-work --exec %s (median of runs): emu4e %.2f s (start-up %.2f s), qemu %.2f s (start-up %.2f s)\n", m, ef, ee, qf, qe
        printf "guest code only, --exec %s: emu4e %.2f s, qemu %.3f s -> emu4e/qemu time ratio %.1f\n", m, en, qn, en / qn
        printf "guest MIPS, --exec %s: emu4e %.0f, qemu %.0f (%.1f M instructions counted by emu4e)\n", m, g / en, g / qn, g
    }'
done
