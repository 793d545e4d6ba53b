package org.emu4e.core.timeline;

import org.emu4e.engine.api.RunState;

/**
 * A stretch of time one vCPU spent in one run state.
 *
 * @param cpu         vCPU index
 * @param state       the run state
 * @param reason      what put the vCPU into it ("wfi", "pmu halt", "psci cpu_off", ...), or
 *                    "initial" for the state the vCPU was in when recording began
 * @param startNanos  {@link System#nanoTime()} when it began
 * @param endNanos    when it ended, or {@link #ONGOING} for the current state
 */
public record Segment(int cpu, RunState state, String reason, long startNanos, long endNanos) {

    /** End of a segment that has not ended yet. */
    public static final long ONGOING = Long.MAX_VALUE;

    public boolean isOngoing() {
        return endNanos == ONGOING;
    }

    /** Duration up to {@code nowNanos} for an ongoing segment. */
    public long durationNanos(long nowNanos) {
        return (isOngoing() ? nowNanos : endNanos) - startNanos;
    }
}
