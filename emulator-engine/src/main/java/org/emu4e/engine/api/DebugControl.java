package org.emu4e.engine.api;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What a debugger needs from the runtime. Stop, resume and step are work scheduled on the
 * target vCPU; the vCPU itself enters DEBUG_STOPPED through its own wait path.
 */
public interface DebugControl {
    /** Requests a stop; completes once the vCPU reports DEBUG_STOPPED. Already stopped: completes at once. */
    CompletableFuture<DebugStop> stop(int cpu);

    /** Lets a debug-stopped vCPU run again (it may stay halted for other reasons: WFI, PMU). */
    void resume(int cpu);

    /** Executes one instruction (or one exception entry) and stops again; completes with the stop. */
    CompletableFuture<DebugStop> step(int cpu);

    /** Installs breakpoints/watchpoints on every vCPU as exclusive work; null removes them. Completes when installed. */
    CompletableFuture<Void> setHooks(DebugHooks hooks);

    /** Told (on the stopping vCPU's thread) of every debug stop, whatever its reason. */
    void addStopListener(Consumer<DebugStop> listener);

    void removeStopListener(Consumer<DebugStop> listener);

    boolean isStopped(int cpu);
}
