package org.emu4e.engine.control.protocol;

/**
 * Payload of {@code vcpu/stateChanged}: one run-state transition.
 *
 * @param cpu              vCPU index
 * @param from             previous run state name
 * @param to               new run state name
 * @param reason           short cause, e.g. "wfi", "pmu halt"
 * @param hostTimeNanos    host System.nanoTime() of the transition
 * @param instructionCount instructions the vCPU had retired then
 */
public record VcpuStateChanged(int cpu, String from, String to, String reason, long hostTimeNanos,
        long instructionCount) {
}
