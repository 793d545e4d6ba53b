package org.emu4e.engine.board.virt;

import java.util.function.Consumer;

import org.emu4e.engine.api.ExecConfig;
import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuEnvironment;
import org.emu4e.engine.cpu.a64.GenericTimerAccess;
import org.emu4e.engine.cpu.a64.GicCpuInterfaceAccess;
import org.emu4e.engine.cpu.a64.TlbInvalidation;
import org.emu4e.engine.devices.gic.GicState;
import org.emu4e.engine.devices.psci.Psci;
import org.emu4e.engine.memory.PhysicalBus;
import org.emu4e.engine.runtime.RuntimeServices;

/**
 * What one vCPU of the virt board sees: its own bus view (with its banked GICv2 registers), its
 * IRQ line from the GIC, the GICv3 system-register CPU interface when configured, its generic
 * timer, its Performance Monitors interrupt (a PPI), PSCI as firmware, and SEV/TLBI broadcast
 * through the runtime.
 */
final class VirtCpuEnvironment implements CpuEnvironment {
    private final int index;
    private final long mpidr;
    private final PhysicalBus bus;
    private final GicState gic;
    private final GicCpuInterfaceAccess gicSysRegs;
    private final GenericTimerAccess timer;
    private final Psci psci;
    private final RuntimeServices services;
    private final Consumer<Boolean> pmuInterrupt;
    private final ExecConfig exec;

    VirtCpuEnvironment(int index, long mpidr, PhysicalBus bus, GicState gic, GicCpuInterfaceAccess gicSysRegs,
            GenericTimerAccess timer, Psci psci, RuntimeServices services, Consumer<Boolean> pmuInterrupt,
            ExecConfig exec) {
        this.exec = exec;
        this.index = index;
        this.mpidr = mpidr;
        this.bus = bus;
        this.gic = gic;
        this.gicSysRegs = gicSysRegs;
        this.timer = timer;
        this.psci = psci;
        this.services = services;
        this.pmuInterrupt = pmuInterrupt;
    }

    @Override public PhysicalBus bus() { return bus; }

    @Override public int cpuIndex() { return index; }

    @Override public long mpidr() { return mpidr; }

    @Override public boolean irqAsserted() { return gic.irqLine(index); }

    /** Group 0 is signalled as IRQ (GICC_CTLR.FIQEn not modelled): FIQ never asserted. */
    @Override public boolean fiqAsserted() { return false; }

    @Override public GenericTimerAccess timer() { return timer; }

    @Override public void setPmuInterrupt(boolean level) { pmuInterrupt.accept(level); }

    @Override public ExecConfig execConfig() { return exec; }

    /** The GICv3 ICC_* registers, or null with a GICv2 (memory-mapped CPU interface). */
    @Override public GicCpuInterfaceAccess gicCpuInterface() { return gicSysRegs; }

    @Override
    public boolean firmwareCall(A64Cpu cpu, boolean smc, int imm16) {
        return psci.call(cpu, index, smc, services);
    }

    @Override public void sendEvent() { services.sendEvent(); }

    @Override public void broadcastTlbInvalidate(TlbInvalidation op) { services.broadcastTlbi(index, op); }
}
