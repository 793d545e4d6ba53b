#!/usr/bin/env bash
# GDB stub speed, emu4e against qemu-system-aarch64, both debugged by gdb-multiarch over loopback.
# Usage: bench/gdbstub-bench.sh [steps] [MiB]   (defaults 1000 stepi, 1 MiB memory read)
# Builds emulator-engine/target/emu4e-cli.jar if missing (Maven, offline, shared build lock) and
# the deterministic guest of StepiVsQemuTest, starts each emulator with
#   -M virt -cpu cortex-a53 -smp 1 -m 128M -nographic -S -gdb tcp:127.0.0.1:PORT -kernel ELF
# and times, inside gdb (Python), N stepi round trips and a `dump binary memory` of RAM.
# Prints us per stepi and MiB/s of memory read for emu4e, QEMU and the ratio emu4e/QEMU.
set -euo pipefail
steps=${1:-1000}
mib=${2:-1}
root=$(cd "$(dirname "$0")/.." && pwd)
engine="$root/emulator-engine"
jar="$engine/target/emu4e-cli.jar"
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
for tool in gdb-multiarch qemu-system-aarch64 aarch64-linux-gnu-gcc python3; do
    command -v "$tool" >/dev/null || { echo "gdbstub-bench: $tool is required" >&2; exit 1; }
done
if [ ! -f "$jar" ]; then
    $(command -v mvnlock || true) "$root/mvnw" -q -B -f "$engine/pom.xml" package -DskipTests -Dfray.skip >&2
fi

work=$(mktemp -d)
pids=()
cleanup() {
    for p in ${pids[@]+"${pids[@]}"}; do kill "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
src="$engine/src/test/resources/org/emu4e/engine/gdbstub/stepi"
aarch64-linux-gnu-gcc -nostdlib -static -fno-pie -no-pie -Wl,--build-id=none -Wl,--no-warn-rwx-segments \
    -T "$src/stepi.ld" -o "$work/stepi.elf" "$src/stepi.S"

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# measure PORT: prints "<us per stepi> <MiB/s>"
measure() {
    cat >"$work/bench.gdb" <<GDB
set pagination off
set confirm off
set tcp connect-timeout 30
file $work/stepi.elf
target remote 127.0.0.1:$1
python
import time
t = time.perf_counter()
for _ in range($steps):
    gdb.execute("stepi", to_string=True)
step_us = (time.perf_counter() - t) * 1e6 / $steps
t = time.perf_counter()
gdb.execute("dump binary memory $work/ram.bin 0x40000000 0x%x" % (0x40000000 + $mib * 1048576))
mibs = $mib / (time.perf_counter() - t)
gdb.write("RESULT %.1f %.1f\n" % (step_us, mibs))
end
detach
GDB
    timeout 300 gdb-multiarch -nx -batch -x "$work/bench.gdb" 2>&1 | sed -n 's/^RESULT //p'
}

common=(-M virt -cpu cortex-a53 -smp 1 -m 128M -nographic -S -kernel "$work/stepi.elf")

port=$(free_port)
"$JAVA_HOME/bin/java" -jar "$jar" "${common[@]}" -gdb "tcp:127.0.0.1:$port" >"$work/emu4e.log" 2>&1 &
pids+=($!)
read -r e_step e_mem < <(measure "$port")
kill "${pids[-1]}" 2>/dev/null || true

port=$(free_port)
qemu-system-aarch64 "${common[@]}" -monitor none -serial none -gdb "tcp:127.0.0.1:$port" >"$work/qemu.log" 2>&1 &
pids+=($!)
read -r q_step q_mem < <(measure "$port")
kill "${pids[-1]}" 2>/dev/null || true

printf '%-28s %12s %12s %14s\n' "gdb over loopback" "emu4e" "QEMU" "emu4e/QEMU"
printf '%-28s %12s %12s %14s\n' "stepi ($steps), us/step" "$e_step" "$q_step" \
    "$(python3 -c "print('%.2f' % ($e_step / $q_step))")"
printf '%-28s %12s %12s %14s\n' "memory read ($mib MiB), MiB/s" "$e_mem" "$q_mem" \
    "$(python3 -c "print('%.2f' % ($e_mem / $q_mem))")"
