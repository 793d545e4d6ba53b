package org.emu4e.engine.api;

import java.util.Map;

/**
 * An immutable snapshot of one vCPU, readable from any thread.
 *
 * @param nanosInState        host time spent in each state so far
 * @param instructionsInState instructions retired while in each state (only RUNNING grows)
 */
public record VcpuStatus(int index, long mpidr, RunState state, long pc, int el, long instructionCount,
        Map<RunState, Long> nanosInState, Map<RunState, Long> instructionsInState) {
}
