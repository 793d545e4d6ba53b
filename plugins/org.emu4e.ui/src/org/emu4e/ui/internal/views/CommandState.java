package org.emu4e.ui.internal.views;

import org.emu4e.core.RunningMachine;
import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.PowerControl;

/**
 * A fingerprint of what the commands' enablement reads (the machine, its state and its PMU halt
 * lines), so the view asks for re-evaluation only when it changed, not on every refresh.
 */
final class CommandState {

    private CommandState() {
    }

    static long signature(RunningMachine m) {
        if (m == null) {
            return 0;
        }
        long h = System.identityHashCode(m.machine());
        try {
            Machine machine = m.machine();
            h = h * 31 + machine.machineState().ordinal();
            PowerControl pmu = machine.pmu();
            for (int cpu = 0; cpu < machine.cpuCount(); cpu++) {
                h = h * 31 + (pmu.isHaltAsserted(cpu) ? 1 : 0);
            }
        } catch (RuntimeException e) {
            // a machine without a PMU (or shutting down): its identity is all there is
        }
        return h;
    }
}
