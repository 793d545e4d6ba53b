#!/bin/sh
# Guest CPU throughput of emu4e against QEMU on the same firmware (bench/guest/cpu-work.c:
# sieve, CRC-32, insertion sort, a switch interpreter, memcpy; ~140 M instructions on core 0).
# Usage: bench/cpu-throughput.sh [runs] [modes]   (default 3 runs, the median is reported;
#        modes: "interp jit" (default), "interp" or "jit": emu4e's --exec modes to measure)
# Each emulator also runs the ROUNDS=0 twin of the program, and its time (JVM or QEMU start,
# board set-up, boot) is subtracted, so the ratio compares executing guest code only.
# EMU4E_JAVA_OPTS is passed to the JVM (e.g. -Demu4e.jit.threshold=N).
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
modes=${2:-interp jit}
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
jar="$here/emulator-engine/target/emu4e-cli.jar"
if [ ! -f "$jar" ]; then
    flock /tmp/emu4e-build.lock env JAVA_HOME="$JAVA_HOME" mvn -q -B -o -f "$here/emulator-engine/pom.xml" package -DskipTests
fi
make -s -C "$here/bench/guest"
elf="$here/bench/guest/build/cpu-work.elf"
empty="$here/bench/guest/build/cpu-work-empty.elf"
expect=$(qemu-system-aarch64 -M virt -cpu cortex-a53 -m 128M -nographic -kernel "$elf")

# median wall-clock seconds of $runs runs of "$@", checking the transcript
median() {
    want=$1; shift
    for i in $(seq "$runs"); do
        start=$(date +%s.%N)
        out=$("$@")
        end=$(date +%s.%N)
        [ "$out" = "$want" ] || { echo "unexpected output from $*: $out" >&2; exit 1; }
        echo "$end - $start" | bc
    done | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

emu() {
    # shellcheck disable=SC2086
    "$JAVA_HOME/bin/java" $EMU4E_JAVA_OPTS -jar "$jar" -M virt -cpu cortex-a53 -m 128M -nographic --exec "$mode" -kernel "$1"
}
qemu() { qemu-system-aarch64 -M virt -cpu cortex-a53 -m 128M -nographic -kernel "$1"; }

expect_empty=$(qemu "$empty")
q_full=$(median "$expect" qemu "$elf")
q_empty=$(median "$expect_empty" qemu "$empty")
echo "load before the emu4e runs: $(uptime | sed 's/.*load average/load average/')"
for mode in $modes; do
    e_full=$(median "$expect" emu "$elf")
    e_empty=$(median "$expect_empty" emu "$empty")
    awk -v m="$mode" -v ef="$e_full" -v ee="$e_empty" -v qf="$q_full" -v qe="$q_empty" 'BEGIN {
        en = ef - ee; qn = qf - qe; if (qn < 0.001) qn = 0.001
        printf "cpu-work --exec %s (median of runs): emu4e %.2f s (start-up %.2f s), qemu %.2f s (start-up %.2f s)\n", m, ef, ee, qf, qe
        printf "guest code only, --exec %s: emu4e %.2f s, qemu %.3f s -> emu4e/qemu time ratio %.1f\n", m, en, qn, en / qn
    }'
done
