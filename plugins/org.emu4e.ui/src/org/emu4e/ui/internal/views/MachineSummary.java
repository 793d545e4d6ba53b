package org.emu4e.ui.internal.views;

import java.util.List;

import org.emu4e.core.RunningMachine;
import org.emu4e.engine.api.RunState;

/**
 * The status-line text of the shown machine: name, cores, overall state and guest MIPS (retired
 * instructions over all vCPUs per second of host time, between two successive refreshes).
 */
final class MachineSummary {

    private RunningMachine machine;
    private long lastNanos;
    private long lastInstructions;
    private double mips;

    String text(RunningMachine m, List<VcpuRow> rows, long nowNanos) {
        if (m == null) {
            machine = null;
            return "No emulated machine running";
        }
        long instructions = 0;
        for (VcpuRow r : rows) {
            instructions += r.status().instructionCount();
        }
        if (m != machine || m.machine().machineState() == org.emu4e.engine.api.MachineState.SHUTDOWN) {
            machine = m;
            mips = 0;
        } else if (nowNanos - lastNanos >= 200_000_000L) {
            mips = (instructions - lastInstructions) * 1e3 / (nowNanos - lastNanos);
        } else {
            return format(m, rows);
        }
        lastNanos = nowNanos;
        lastInstructions = instructions;
        return format(m, rows);
    }

    private String format(RunningMachine m, List<VcpuRow> rows) {
        return String.format("%s: %d cores, %s, %.1f MIPS", m.name(), rows.size(), overall(m, rows), mips);
    }

    /** "ended", "paused", "running" (some core runs), or the state all cores share, else "halted". */
    static String overall(RunningMachine m, List<VcpuRow> rows) {
        switch (m.machine().machineState()) {
            case SHUTDOWN:
                return "ended";
            case PAUSED:
                return "paused";
            case CREATED:
                return "not started";
            default:
                break;
        }
        RunState common = null;
        for (VcpuRow r : rows) {
            RunState s = r.status().state();
            if (s == RunState.RUNNING) {
                return "running";
            }
            common = common == null || common == s ? s : RunState.PAUSED;
        }
        return common == null || common == RunState.PAUSED ? "halted" : "all " + common.label();
    }
}
