package org.emu4e.engine.runtime;

import java.util.concurrent.CompletableFuture;

import org.emu4e.engine.api.VcpuWork;

/**
 * One piece of run-on-vCPU work in one of three strengths: async (fire and forget), sync (a
 * caller waits on {@link #waiter}) and safe (runs inside an exclusive section).
 *
 * @param waiter failed when the work throws or can no longer run (machine shut down); null
 *               for async work, whose failures go to the machine's failure log
 */
record WorkItem(VcpuWork work, boolean safe, CompletableFuture<?> waiter) {
    static WorkItem async(VcpuWork work) {
        return new WorkItem(work, false, null);
    }

    static WorkItem safe(VcpuWork work) {
        return new WorkItem(work, true, null);
    }

    static WorkItem sync(VcpuWork work, CompletableFuture<?> waiter) {
        return new WorkItem(work, false, waiter);
    }

    /** The work can never run: the vCPU thread has ended. */
    void abandon() {
        if (waiter != null) {
            waiter.completeExceptionally(new MachineShutDownException());
        }
    }
}
