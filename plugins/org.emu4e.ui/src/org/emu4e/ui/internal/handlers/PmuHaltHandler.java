package org.emu4e.ui.internal.handlers;

import org.emu4e.core.VcpuTarget;

/** Asserts the PMU halt line of each selected vCPU (the core halts at its next boundary). */
public final class PmuHaltHandler extends VcpuHandler {
    @Override
    void run(Targets targets) {
        for (VcpuTarget t : targets.vcpus()) {
            EngineResults.report(t.machine().machine().pmu().halt(t.cpu()), "PMU halt of CPU " + t.cpu());
        }
    }
}
