package org.emu4e.engine.testing;

import java.util.function.BooleanSupplier;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuEnvironment;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GenericTimerAccess;
import org.emu4e.engine.cpu.a64.TlbInvalidation;
import org.emu4e.engine.memory.PhysicalBus;
import org.emu4e.engine.runtime.RuntimeServices;

/**
 * The CPU environment of the small test boards that run the real runtime without the virt
 * board's devices: a frozen generic timer (CNTFRQ only), an IRQ input the board drives, a PSCI
 * 1.0 subset over HVC/SMC and SEV/TLBI through the runtime's services.
 */
public final class TestCpuEnvironment implements CpuEnvironment {
    /** A generic timer that reports QEMU virt's frequency and never counts or fires. */
    public static final GenericTimerAccess FROZEN_TIMER = new GenericTimerAccess() {
        @Override public long read(Reg reg) { return reg == Reg.CNTFRQ ? 62_500_000L : 0; }
        @Override public void write(Reg reg, long value) { }
    };

    private final PhysicalBus bus;
    private final int cpu;
    private final long mpidr;
    private final RuntimeServices services;
    private final BooleanSupplier irq;

    public TestCpuEnvironment(PhysicalBus bus, int cpu, long mpidr, RuntimeServices services, BooleanSupplier irq) {
        this.bus = bus;
        this.cpu = cpu;
        this.mpidr = mpidr;
        this.services = services;
        this.irq = irq;
    }

    @Override public PhysicalBus bus() { return bus; }
    @Override public int cpuIndex() { return cpu; }
    @Override public long mpidr() { return mpidr; }
    @Override public boolean irqAsserted() { return irq.getAsBoolean(); }
    @Override public boolean fiqAsserted() { return false; }
    @Override public GenericTimerAccess timer() { return FROZEN_TIMER; }

    /** PSCI 1.0 subset (DEN0022 5.1): CPU_OFF, CPU_ON, AFFINITY_INFO, SYSTEM_OFF, SYSTEM_RESET. */
    @Override
    public boolean firmwareCall(A64Cpu c, boolean smc, int imm16) {
        CpuState st = c.state();
        switch ((int) st.x(0)) {
            case 0x8400_0002 -> services.psciCpuOff(cpu);
            case 0xC400_0003 -> st.setX(0, services.psciCpuOn((int) (st.x(1) & 0xFF), st.x(2), st.x(3)));
            case 0xC400_0004 -> st.setX(0, services.psciAffinityInfo((int) (st.x(1) & 0xFF)));
            case 0x8400_0008 -> services.systemOff();
            case 0x8400_0009 -> services.systemReset();
            default -> st.setX(0, -1); // NOT_SUPPORTED
        }
        return true;
    }

    @Override public void sendEvent() { services.sendEvent(); }
    @Override public void broadcastTlbInvalidate(TlbInvalidation op) { services.broadcastTlbi(cpu, op); }
}
