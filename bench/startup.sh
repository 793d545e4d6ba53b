#!/usr/bin/env bash
# Start-up: an empty guest (bench/guest/empty.S powers off at once through PSCI SYSTEM_OFF) on
# emu4e and on QEMU, next to the JVM's own start-up, so the part that is emu4e's shows.
# Usage: bench/startup.sh [runs]   (default 5, the median is reported)
# Rows: "java -version" (the JVM alone), "java -jar emu4e-cli.jar --version" (JVM, the jar, the
# CLI's main), the empty guest through plain "java -jar" (no class-data archive of emu4e's own
# classes) and through ./emu4e (the launcher: its class-data sharing archive, created on first
# use; EMU4E_CDS=0 shows the launcher without it), and QEMU. Also the number of classes the JVM loads for the empty guest and how many of
# them came from a class-data sharing archive. EMU4E_JAVA_OPTS goes to emu4e's JVM.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
runs=${1:-5}
bench_jar
bench_guests
empty="$root/bench/guest/build/empty.elf"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java="$JAVA_HOME/bin/java"
args=(-M virt -cpu cortex-a53 -m 128M -nographic -kernel "$empty")

# row LABEL CMD...: $runs runs; prints median wall time and peak RSS
row() {
    local label=$1 i
    shift
    for i in $(seq "$runs"); do
        bench_run "$work/run" "$@" || { echo "bench: '$*' failed:" >&2; cat "$work/run.stderr" >&2; exit 1; }
        cat "$work/run"
    done >"$work/runs"
    local wall rss
    wall=$(awk '{ print $1 }' "$work/runs" | median)
    rss=$(awk '{ print $2 }' "$work/runs" | median)
    printf '%-56s %8.3f s %8s MiB\n' "$label" "$wall" "$([ "$rss" = - ] && echo - || echo $((rss / 1024)))"
    echo "$wall" >"$work/last"
}

# the class-data archive ./emu4e uses is created by its first run, not by a measured one
"$root/emu4e" "${args[@]}" >/dev/null 2>&1 || true

echo "start-up of an empty guest (PSCI SYSTEM_OFF at once), median of $runs; load before: $(load_now)"
echo "JDK: $("$java" -version 2>&1 | head -1)"
row "java -version (the JVM alone)" "$java" -version
row "java -jar emu4e-cli.jar --version (trivial main)" "$java" -jar "$jar" --version
for mode in interp jit; do
    row "java -jar emu4e-cli.jar, empty guest, --exec $mode" "$java" -XX:MaxDirectMemorySize=1g -jar "$jar" \
        "${args[@]}" --exec "$mode"
done
EMU4E_CDS=0 row "./emu4e, empty guest, EMU4E_CDS=0 (launcher, no archive)" "$root/emu4e" "${args[@]}"
row "./emu4e, empty guest (launcher, class-data archive)" "$root/emu4e" "${args[@]}"
e=$(cat "$work/last")
if bench_qemu; then
    row "qemu-system-aarch64, empty guest" qemu-system-aarch64 "${args[@]}"
    awk -v e="$e" -v q="$(cat "$work/last")" 'BEGIN { printf "./emu4e / qemu start-up time: %.1f\n", e / q }'
fi

# where the classes come from: the JDK's archive, emu4e's archive (./emu4e), or the jar
count_classes() {
    local log=$1
    local total shared
    total=$(grep -c ' source: ' "$log" || true)
    shared=$(grep -c 'source: shared objects file' "$log" || true)
    echo "$total classes loaded, $shared from a class-data archive, $((total - shared)) parsed from the jar or the JDK"
}
"$java" -Xlog:class+load:file="$work/plain.log" -XX:MaxDirectMemorySize=1g -jar "$jar" "${args[@]}" >/dev/null
echo "java -jar, empty guest: $(count_classes "$work/plain.log")"
EMU4E_JAVA_OPTS="-Xlog:class+load:file=$work/launcher.log" "$root/emu4e" "${args[@]}" >/dev/null
echo "./emu4e, empty guest:   $(count_classes "$work/launcher.log")"
echo "load after: $(load_now)"
