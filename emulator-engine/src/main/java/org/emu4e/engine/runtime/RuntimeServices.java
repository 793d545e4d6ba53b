package org.emu4e.engine.runtime;

import java.util.concurrent.ScheduledExecutorService;

import org.emu4e.engine.cpu.a64.TlbInvalidation;

/**
 * What the runtime offers a board and its devices. Every method is thread-safe; nothing here
 * changes a vCPU's run state directly: changes are work queued on the target vCPU.
 */
public interface RuntimeServices {
    /** PSCI return codes (DEN0022 5.2.2). */
    int PSCI_SUCCESS = 0;
    int PSCI_INVALID_PARAMETERS = -2;
    int PSCI_ALREADY_ON = -4;
    int PSCI_ON_PENDING = -5;
    /** AFFINITY_INFO results (DEN0022 5.1.5). */
    int AFFINITY_ON = 0;
    int AFFINITY_OFF = 1;
    int AFFINITY_ON_PENDING = 2;

    /** An input line of {@code cpu} changed (the interrupt controller calls this). */
    void kick(int cpu);

    /**
     * PSCI CPU_ON: on success the target starts at {@code entry} in EL1h, MMU off, x0 =
     * {@code contextId}, as work on the target vCPU. Exactly one of racing calls succeeds.
     */
    int psciCpuOn(int target, long entry, long contextId);

    /** PSCI CPU_OFF for the calling vCPU (on its own thread, during HVC/SMC): off after the instruction. */
    void psciCpuOff(int self);

    /** PSCI AFFINITY_INFO for one CPU: 0 ON, 1 OFF, 2 ON_PENDING; -2 for a bad index. */
    int psciAffinityInfo(int target);

    /** Drives the PMU halt line of {@code cpu}; the vCPU applies the change as its own work. */
    void setPmuHalt(int cpu, boolean asserted);

    boolean pmuHaltAsserted(int cpu);

    /** PSCI SYSTEM_OFF: the machine shuts down with exit code 0. */
    void systemOff();

    /** PSCI SYSTEM_RESET: devices and every vCPU reset as exclusive work, then boot again. */
    void systemReset();

    /** SEV: sets every PE's event register and wakes those in WFE. */
    void sendEvent();

    /** TLBI ... IS: {@code op} runs as async work on every vCPU except {@code fromCpu}. */
    void broadcastTlbi(int fromCpu, TlbInvalidation op);

    /** The machine's one timer thread ("emu4e-timers", daemon) for device deadlines. */
    ScheduledExecutorService timers();
}
