package org.emu4e.engine.runtime;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * PSCI power state of every CPU (DEN0022 5.1.5 AFFINITY_INFO): ON, OFF or ON_PENDING, shared by
 * all threads. OFF -> ON_PENDING is a compare-and-set made under the big lock by CPU_ON, so of
 * racing CPU_ONs exactly one wins; ON_PENDING -> ON and ON -> OFF are written by the CPU's own
 * vCPU thread. A system reset starts a new generation: start work claimed before it is stale.
 */
final class PsciPowerTable {
    private final AtomicIntegerArray state;
    private final AtomicIntegerArray generation;

    PsciPowerTable(int cpus) {
        state = new AtomicIntegerArray(cpus);
        generation = new AtomicIntegerArray(cpus);
    }

    int size() { return state.length(); }

    int affinity(int cpu) { return state.get(cpu); }

    int generation(int cpu) { return generation.get(cpu); }

    /** CPU_ON's claim: SUCCESS if this call moved the CPU from OFF to ON_PENDING. */
    int claim(int cpu) {
        if (state.compareAndSet(cpu, RuntimeServices.AFFINITY_OFF, RuntimeServices.AFFINITY_ON_PENDING)) {
            return RuntimeServices.PSCI_SUCCESS;
        }
        return state.get(cpu) == RuntimeServices.AFFINITY_ON_PENDING ? RuntimeServices.PSCI_ON_PENDING
                : RuntimeServices.PSCI_ALREADY_ON;
    }

    /** The claimed CPU has started (its own thread); false if the claim is from an older generation. */
    boolean started(int cpu, int claimGeneration) {
        if (generation.get(cpu) != claimGeneration) {
            return false;
        }
        state.set(cpu, RuntimeServices.AFFINITY_ON);
        return true;
    }

    /** The CPU turned itself off (its own thread). */
    void off(int cpu) {
        state.set(cpu, RuntimeServices.AFFINITY_OFF);
    }

    /** System reset (exclusive section, big lock held): a new generation with boot power states. */
    void reset(int cpu, boolean on) {
        generation.incrementAndGet(cpu);
        state.set(cpu, on ? RuntimeServices.AFFINITY_ON : RuntimeServices.AFFINITY_OFF);
    }

    void init(int cpu, boolean on) {
        state.set(cpu, on ? RuntimeServices.AFFINITY_ON : RuntimeServices.AFFINITY_OFF);
    }
}
