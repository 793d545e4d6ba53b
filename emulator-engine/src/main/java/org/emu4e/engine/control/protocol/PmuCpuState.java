package org.emu4e.engine.control.protocol;

/**
 * @param cpu          vCPU index
 * @param state        run state name when the change completed
 * @param haltAsserted whether the PMU halt line of the core is asserted
 */
public record PmuCpuState(int cpu, String state, boolean haltAsserted) {
}
