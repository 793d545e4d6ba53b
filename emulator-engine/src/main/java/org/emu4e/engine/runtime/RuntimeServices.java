package org.emu4e.engine.runtime;

import java.util.concurrent.ScheduledExecutorService;

import org.emu4e.engine.cpu.a64.TlbInvalidation;

/**
 * What the runtime offers the board and its devices. (Placeholder copy kept in the board branch
 * until the runtime branch lands; the signatures follow HELPERS.md exactly.)
 */
public interface RuntimeServices {
    /** An input line of {@code cpu} changed (the GIC calls this). */
    void kick(int cpu);

    /** PSCI CPU_ON; returns the PSCI return code (0 SUCCESS, -4 ALREADY_ON, -5 ON_PENDING, -2 INVALID_PARAMETERS). */
    int psciCpuOn(int target, long entry, long contextId);

    /** Called on self's thread during HVC/SMC: the vCPU enters PSCI_OFF after the call. */
    void psciCpuOff(int self);

    /** 0 ON, 1 OFF, 2 ON_PENDING. */
    int psciAffinityInfo(int target);

    /** PMU halt line (MMIO or host); the change is work on that vCPU. */
    void setPmuHalt(int cpu, boolean asserted);

    boolean pmuHaltAsserted(int cpu);

    void systemOff();

    void systemReset();

    /** SEV: set every PE's event register and wake WFE. */
    void sendEvent();

    /** Run on every other vCPU (async work). */
    void broadcastTlbi(int fromCpu, TlbInvalidation op);

    /** Shared host timer thread for generic-timer deadlines. */
    ScheduledExecutorService timers();
}
