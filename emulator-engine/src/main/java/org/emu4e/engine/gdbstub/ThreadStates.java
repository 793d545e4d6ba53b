package org.emu4e.engine.gdbstub;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.RunState;
import org.emu4e.engine.api.StateChange;
import org.emu4e.engine.api.StateListener;

/**
 * Names vCPUs for GDB's thread list. A vCPU the debugger stopped reports DEBUG_STOPPED,
 * which hides the power state a user wants to see in {@code info threads}; so this
 * remembers the state each vCPU left when it entered DEBUG_STOPPED, and shows (in order)
 * "PMU halted" if the PMU halt line is asserted, that earlier WFI/WFE/PSCI-off state, or
 * the reported state. Listens for the server's whole lifetime (a {@code -S} start stops
 * the vCPUs before any client connects).
 */
final class ThreadStates implements StateListener {
    private final Machine machine;
    private final RunState[] beforeDebugStop;

    ThreadStates(Machine machine) {
        this.machine = machine;
        this.beforeDebugStop = new RunState[machine.cpuCount()];
    }

    @Override
    public void stateChanged(StateChange c) {
        if (c.cpu() < 0 || c.cpu() >= beforeDebugStop.length) {
            return;
        }
        synchronized (beforeDebugStop) {
            if (c.to() == RunState.DEBUG_STOPPED) {
                beforeDebugStop[c.cpu()] = c.from();
            } else if (c.from() == RunState.DEBUG_STOPPED) {
                beforeDebugStop[c.cpu()] = null;
            }
        }
    }

    static String name(int cpu) {
        return "CPU#" + cpu;
    }

    String label(int cpu) {
        RunState st = machine.vcpu(cpu).state();
        if (st != RunState.DEBUG_STOPPED) {
            return st.label();
        }
        if (machine.pmu().isHaltAsserted(cpu)) {
            return RunState.PMU_HALTED.label();
        }
        RunState before;
        synchronized (beforeDebugStop) {
            before = beforeDebugStop[cpu];
        }
        if (before == RunState.WFI || before == RunState.WFE || before == RunState.PSCI_OFF) {
            return before.label();
        }
        return st.label();
    }

    /** "CPU#2 [WFI]". */
    String extraInfo(int cpu) {
        return name(cpu) + " [" + label(cpu) + "]";
    }
}
