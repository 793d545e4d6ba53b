package org.emu4e.ui.internal.handlers;

import java.util.Set;
import java.util.stream.Collectors;

import org.emu4e.core.RunningMachine;
import org.emu4e.core.VcpuTarget;
import org.emu4e.engine.api.PowerControl;

/** PMU-halts every vCPU of the machine except the selected ones (which are left as they are). */
public final class HaltAllOthersHandler extends VcpuHandler {
    @Override
    void run(Targets targets) {
        for (RunningMachine m : targets.machines()) {
            Set<Integer> keep = targets.vcpus().stream().filter(t -> t.machine().equals(m))
                    .map(VcpuTarget::cpu).collect(Collectors.toSet());
            PowerControl pmu = m.machine().pmu();
            for (int cpu = 0; cpu < m.machine().cpuCount(); cpu++) {
                if (!keep.contains(cpu) && !pmu.isHaltAsserted(cpu)) {
                    EngineResults.report(pmu.halt(cpu), "PMU halt of CPU " + cpu);
                }
            }
        }
    }
}
