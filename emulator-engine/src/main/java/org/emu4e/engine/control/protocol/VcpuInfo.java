package org.emu4e.engine.control.protocol;

/**
 * A snapshot of one vCPU.
 *
 * @param index            vCPU number from 0
 * @param mpidr            MPIDR_EL1 as a hex string ("0x80000001")
 * @param state            run state name (RUNNING, WFI, WFE, PSCI_OFF, PMU_HALTED, DEBUG_STOPPED, PAUSED)
 * @param pc               program counter as a hex string (64-bit values do not fit JSON numbers)
 * @param el               current exception level 0..3
 * @param instructionCount instructions retired so far
 * @param inState          per run state name: host time spent and instructions retired in it
 */
public record VcpuInfo(int index, String mpidr, String state, String pc, int el, long instructionCount,
        java.util.Map<String, StateTime> inState) {
}
