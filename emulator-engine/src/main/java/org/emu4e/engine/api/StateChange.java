package org.emu4e.engine.api;

/**
 * One run-state transition of one vCPU, reported after it happened on that vCPU's thread.
 *
 * @param cpu              vCPU index
 * @param from             previous state
 * @param to               new state
 * @param reason           short cause, e.g. "wfi", "pmu halt", "psci cpu_off", "irq", "gdb"
 * @param hostTimeNanos    {@link System#nanoTime()} when the transition happened
 * @param instructionCount guest instructions this vCPU had retired at that moment
 */
public record StateChange(int cpu, RunState from, RunState to, String reason, long hostTimeNanos,
        long instructionCount) {
}
