package org.emu4e.engine.cli;

import java.io.PrintStream;
import java.util.Locale;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.RunState;
import org.emu4e.engine.api.Vcpu;
import org.emu4e.engine.api.VcpuStatus;
import org.emu4e.engine.cpu.a64.jit.HandlerRows;

/**
 * --stats: at exit, the guest instructions each vCPU retired, the host time it spent running
 * guest code, and the machine's guest MIPS (retired instructions per wall-clock second from
 * the vCPUs' start to the shutdown). Printed on stderr, one line for the machine and one per vCPU:
 * <pre>
 * emu4e: stats: 2 vCPUs, 140123456 instructions in 1.234 s wall, 113.55 MIPS
 * emu4e: stats: cpu0 70061728 instructions, 1.201 s running, 58.34 MIPS while running
 * </pre>
 */
final class RunStats {
    private long started;
    private long stopped;

    /** Just before the vCPUs start. */
    void started() {
        started = System.nanoTime();
        stopped = 0;
    }

    /** When the shutdown is seen. */
    void stopped() {
        stopped = System.nanoTime();
    }

    /** Prints the lines; call after the machine's vCPU threads have ended (their counts are final). */
    void print(Machine m, PrintStream err) {
        if (started == 0) {
            return; // the machine never ran
        }
        long wall = (stopped == 0 ? System.nanoTime() : stopped) - started;
        long total = 0;
        StringBuilder perCpu = new StringBuilder();
        for (Vcpu v : m.vcpus()) {
            VcpuStatus s = v.status();
            long running = s.nanosInState().getOrDefault(RunState.RUNNING, 0L);
            total += s.instructionCount();
            perCpu.append(String.format(Locale.ROOT, "emu4e: stats: cpu%d %d instructions, %.3f s running, %.2f MIPS"
                    + " while running%n", s.index(), s.instructionCount(), running / 1e9,
                    mips(s.instructionCount(), running)));
        }
        err.printf(Locale.ROOT, "emu4e: stats: %d vCPU%s, %d instructions in %.3f s wall, %.2f MIPS%n", m.cpuCount(),
                m.cpuCount() == 1 ? "" : "s", total, wall / 1e9, mips(total, wall));
        err.print(perCpu);
        String rows = HandlerRows.summary();
        if (!rows.isEmpty()) {
            err.println("emu4e: stats: rows translated as handler calls: " + rows);
        }
        err.flush();
    }

    static double mips(long instructions, long nanos) {
        return nanos <= 0 ? 0 : instructions * 1e3 / nanos;
    }
}
