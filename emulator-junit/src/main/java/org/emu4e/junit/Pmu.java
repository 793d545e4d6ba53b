package org.emu4e.junit;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.emu4e.engine.api.PowerControl;
import org.emu4e.engine.api.RunState;

/**
 * The platform management unit's halt/resume lines, driven from the test through the engine's
 * run-on-vCPU API. Each call returns once the change has really happened on the target vCPU.
 */
public final class Pmu {
    private final PowerControl pmu;
    private final Duration timeout;

    Pmu(PowerControl pmu, Duration timeout) {
        this.pmu = pmu;
        this.timeout = timeout;
    }

    /** Asserts the halt line of {@code cpu}; returns the state the vCPU reported (PMU_HALTED or stronger). */
    public RunState halt(int cpu) {
        return await(pmu.halt(checked(cpu)), "halt", cpu);
    }

    /** Releases the halt line of {@code cpu}; returns the state it went to (RUNNING, WFI, ...). */
    public RunState resume(int cpu) {
        return await(pmu.resume(checked(cpu)), "resume", cpu);
    }

    public boolean isHaltAsserted(int cpu) { return pmu.isHaltAsserted(checked(cpu)); }

    private int checked(int cpu) {
        if (cpu < 0 || cpu >= pmu.cpuCount()) {
            throw new IllegalArgumentException("cpu " + cpu + " does not exist (0.." + (pmu.cpuCount() - 1) + ")");
        }
        return cpu;
    }

    private RunState await(Future<RunState> f, String what, int cpu) {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("PMU " + what + " of cpu" + cpu + " did not take effect within " + timeout, e);
        } catch (ExecutionException e) {
            throw new AssertionError("PMU " + what + " of cpu" + cpu + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during PMU " + what + " of cpu" + cpu, e);
        }
    }
}
