package org.emu4e.engine.cpu.a64.insn.ldst;

import org.emu4e.engine.api.ExecConfig;
import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuEnvironment;
import org.emu4e.engine.cpu.a64.GenericTimerAccess;
import org.emu4e.engine.cpu.a64.TlbInvalidation;
import org.emu4e.engine.memory.PhysicalBus;

/**
 * One CPU on a bus shared with other rigs (CpuRig owns its bus, so it cannot model several
 * PEs on one RAM). Runs at EL1, MMU off, from a given PC until it reaches {@code end}.
 */
final class SharedBusRig implements CpuEnvironment {
    private final PhysicalBus bus;
    private final int index;
    private final ExecConfig exec;
    final A64Cpu cpu;

    SharedBusRig(PhysicalBus bus, int index, long pc) {
        this(bus, index, pc, ExecConfig.fromSystemProperties());
    }

    SharedBusRig(PhysicalBus bus, int index, long pc, ExecConfig exec) {
        this.bus = bus;
        this.index = index;
        this.exec = exec;
        this.cpu = new A64Cpu(this);
        cpu.reset(1, pc);
    }

    /** Runs until the PC equals {@code end} (or a generous budget is exhausted). */
    void runTo(long end, long maxInsns) {
        while (cpu.state().pc != end && cpu.instructions < maxInsns) {
            cpu.run(1000);
            // the budget may overshoot end: the test code ends in a self-loop at end
        }
    }

    @Override public ExecConfig execConfig() { return exec; }
    @Override public PhysicalBus bus() { return bus; }
    @Override public int cpuIndex() { return index; }
    @Override public long mpidr() { return 0x8000_0000L | index; }
    @Override public boolean irqAsserted() { return false; }
    @Override public boolean fiqAsserted() { return false; }
    @Override public GenericTimerAccess timer() {
        return new GenericTimerAccess() {
            @Override public long read(Reg reg) { return 0; }
            @Override public void write(Reg reg, long value) { }
        };
    }
    @Override public boolean firmwareCall(A64Cpu c, boolean smc, int imm16) { return false; }
    @Override public void sendEvent() { }
    @Override public void broadcastTlbInvalidate(TlbInvalidation op) { }
}
