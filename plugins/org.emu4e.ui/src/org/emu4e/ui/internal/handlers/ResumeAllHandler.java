package org.emu4e.ui.internal.handlers;

import org.emu4e.core.RunningMachine;
import org.emu4e.engine.api.PowerControl;

/** Releases every asserted PMU halt line of the machine. */
public final class ResumeAllHandler extends VcpuHandler {
    @Override
    void run(Targets targets) {
        for (RunningMachine m : targets.machines()) {
            PowerControl pmu = m.machine().pmu();
            for (int cpu = 0; cpu < m.machine().cpuCount(); cpu++) {
                if (pmu.isHaltAsserted(cpu)) {
                    EngineResults.report(pmu.resume(cpu), "PMU resume of CPU " + cpu);
                }
            }
        }
    }
}
