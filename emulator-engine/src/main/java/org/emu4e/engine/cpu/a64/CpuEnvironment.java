package org.emu4e.engine.cpu.a64;

import org.emu4e.engine.api.ExecConfig;
import org.emu4e.engine.memory.PhysicalBus;

/**
 * What a CPU needs from the board and runtime around it. The board implements this per
 * vCPU; the CPU calls it on its own vCPU thread. Methods that touch device state take the
 * big lock themselves.
 */
public interface CpuEnvironment {
    PhysicalBus bus();

    /** This vCPU's index (0-based). */
    int cpuIndex();

    /** MPIDR_EL1 value for this PE. */
    long mpidr();

    /** Level of this PE's IRQ input (from the interrupt controller). Read at instruction boundaries. */
    boolean irqAsserted();

    /** Level of this PE's FIQ input. */
    boolean fiqAsserted();

    /** The generic timer registers of this PE (CNT*_EL0/EL1/EL2). */
    GenericTimerAccess timer();

    /**
     * HVC or SMC executed (not trapped). The environment may implement firmware services
     * (PSCI) by reading/writing X0..X3 in {@code cpu.state()}; return true if handled, false
     * to make the call UNDEFINED (no EL2/EL3 firmware present).
     */
    boolean firmwareCall(A64Cpu cpu, boolean smc, int imm16);

    /** SEV/SEVL: signal an event to all PEs (wakes WFE). */
    void sendEvent();

    /** TLBI ... IS: run the invalidation on every other PE (as run-on-vCPU work). */
    void broadcastTlbInvalidate(TlbInvalidation op);

    /**
     * The GICv3 system-register CPU interface of this PE (ICC_*), or null when the interrupt
     * controller has none (GICv2): the ICC registers are then UNDEFINED.
     */
    default GicCpuInterfaceAccess gicCpuInterface() { return null; }

    /** Highest EL implemented (1, 2 or 3) and whether an EL's state is AArch64. */
    default int highestEl() { return 1; }

    /** The PE's Performance Monitors interrupt request (level), a PPI on the board's interrupt controller. */
    default void setPmuInterrupt(boolean level) { }

    /**
     * How the CPU executes guest code (interpreter or bytecode translation). By default from
     * the system properties {@code emu4e.exec} and {@code emu4e.jit.threshold}.
     */
    default ExecConfig execConfig() { return ExecConfig.fromSystemProperties(); }

    /** Called after the CPU executed a WFI/WFE-like hint so devices may catch up (optional). */
    default void guestIdle() { }
}
