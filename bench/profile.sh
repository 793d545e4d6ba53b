#!/usr/bin/env bash
# Where emu4e's host time goes: a JFR recording (settings=profile: Java samples every 10 ms) of one
# run (method-profiling=max: a Java sample every ms or so), summarised as the share of execution
# samples per top frame (method) and per package. JFR leaves out the frames of hidden classes,
# so time in the translator's generated code shows as the frame that called it (Jit.run).
# Usage: bench/profile.sh cpu|sync-simd|linux [interp|jit] [top]   (default jit, top 15)
#   cpu:   bench/guest/cpu-work.elf on 1 vCPU (the cpu-throughput.sh guest)
#   sync-simd: bench/guest/sync-simd.elf on 1 vCPU (exclusives and FP/SIMD, a scaling.sh guest)
#   linux: the linux-boot.sh boot on 4 vCPUs, to the marker and power-off
# The recording is kept as /tmp/emu4e-profile-WORKLOAD-MODE.jfr (for JDK Mission Control or
# "jfr view hot-methods FILE"). EMU4E_JAVA_OPTS goes to emu4e's JVM as well.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
workload=${1:?usage: bench/profile.sh cpu|sync-simd|linux [interp|jit] [top]}
mode=${2:-jit}
top=${3:-15}
bench_jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rec="/tmp/emu4e-profile-$workload-$mode.jfr"
case $workload in
    cpu)
        bench_guests
        args=(-M virt -cpu cortex-a53 -m 128M -nographic -kernel "$root/bench/guest/build/cpu-work.elf")
        ;;
    sync-simd)
        bench_guests
        args=(-M virt -cpu cortex-a53 -m 128M -nographic -kernel "$root/bench/guest/build/sync-simd.elf")
        ;;
    linux)
        bench_linux "$work" "emu4e-bench: shell up"
        args=(-M virt -cpu cortex-a53 -smp 4 -m 512M -nographic -kernel "$linux/Image" -initrd "$linux/initrd.gz"
            -append "console=ttyAMA0 rdinit=/init")
        ;;
    *)
        echo "bench: unknown workload '$workload' (cpu, sync-simd or linux)" >&2
        exit 1
        ;;
esac
EMU4E_JAVA_OPTS="${EMU4E_JAVA_OPTS:-} -XX:StartFlightRecording=filename=$rec,settings=profile,method-profiling=max" \
    bench_run "$work/run" "$root/emu4e" "${args[@]}" --exec "$mode" --stats \
    || { echo "bench: the run failed:" >&2; cat "$work/run.stderr" >&2; exit 1; }
echo "profile of $workload --exec $mode: $(cut -d' ' -f1 "$work/run") s wall, load $(load_now); recording $rec"
grep '^emu4e: stats' "$work/run.stderr" | head -1

# one line per sample: the top frame, "package.Class.method"
"$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample --stack-depth 1 "$rec" \
    | awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/\(.*$/, ""); print }' >"$work/frames"
total=$(wc -l <"$work/frames")
echo "$total execution samples"
# a hidden class that JFR does show (a lambda form, ...) counts under its name without the address
sed -E 's#/0x[0-9a-f]+##' "$work/frames" >"$work/methods"
echo "top frames:"
sort "$work/methods" | uniq -c | sort -rn | head -"$top" \
    | awk -v t="$total" '{ n = $1; $1 = ""; printf "  %5.1f%% %s\n", 100 * n / t, substr($0, 2) }'
echo "by package (top frame's class, package of the class):"
awk '{ n = split($0, p, "."); s = p[1]; for (i = 2; i <= n - 2; i++) s = s "." p[i]; print s }' \
    "$work/methods" | sort | uniq -c | sort -rn | head -"$top" \
    | awk -v t="$total" '{ n = $1; $1 = ""; printf "  %5.1f%% %s\n", 100 * n / t, substr($0, 2) }'
