package org.emu4e.engine.runtime;

import java.util.concurrent.CompletableFuture;

import org.emu4e.engine.api.PowerControl;
import org.emu4e.engine.api.RunState;

/**
 * The PMU halt lines as the host sees them. Driving a line stores its level and queues work on
 * the vCPU that applies the level; the future completes at that vCPU's next checkpoint, after it
 * reported the resulting state (PMU_HALTED or stronger for a halt, unless released meanwhile).
 */
final class PmuControl implements PowerControl {
    private final MttcgMachine machine;

    PmuControl(MttcgMachine machine) {
        this.machine = machine;
    }

    @Override
    public CompletableFuture<RunState> halt(int cpu) {
        return machine.driveHaltLine(cpu, true);
    }

    @Override
    public CompletableFuture<RunState> resume(int cpu) {
        return machine.driveHaltLine(cpu, false);
    }

    @Override
    public boolean isHaltAsserted(int cpu) { return machine.pmuLine(cpu); }

    @Override
    public int cpuCount() { return machine.cpuCount(); }
}
