package org.emu4e.ui.internal.handlers;

import org.emu4e.core.VcpuTarget;

/** Releases the PMU halt line of each selected vCPU. */
public final class PmuResumeHandler extends VcpuHandler {
    @Override
    void run(Targets targets) {
        for (VcpuTarget t : targets.vcpus()) {
            EngineResults.report(t.machine().machine().pmu().resume(t.cpu()), "PMU resume of CPU " + t.cpu());
        }
    }
}
