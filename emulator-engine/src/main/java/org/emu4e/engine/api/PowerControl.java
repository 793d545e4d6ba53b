package org.emu4e.engine.api;

import java.util.concurrent.CompletableFuture;

/**
 * The platform management unit's halt/resume line per CPU, as the host sees it. The same
 * lines are driven by the PMU's MMIO registers. A halt is independent of WFI and PSCI: a
 * core halted while in WFI is back in WFI once resumed.
 */
public interface PowerControl {
    /** Asserts the halt line; completes when the core is really halted (its own thread says so). */
    CompletableFuture<RunState> halt(int cpu);

    /** Releases the halt line; completes when the core has left PMU_HALTED. */
    CompletableFuture<RunState> resume(int cpu);

    /** True while the halt line of {@code cpu} is asserted. */
    boolean isHaltAsserted(int cpu);

    int cpuCount();
}
