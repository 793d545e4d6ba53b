package org.emu4e.engine.testing;

import java.util.concurrent.locks.ReentrantLock;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuEnvironment;
import org.emu4e.engine.cpu.a64.CpuExit;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GenericTimerAccess;
import org.emu4e.engine.cpu.a64.TlbInvalidation;
import org.emu4e.engine.memory.PhysicalBus;
import org.emu4e.engine.memory.Ram;

/**
 * A single CPU on a bus with RAM at {@link #RAM_BASE}, for instruction-level tests with no
 * board and no runtime. Code is placed at {@link #CODE} and runs at EL1 until the PC reaches
 * the end of the code, an exit happens, or the budget runs out.
 */
public final class CpuRig implements CpuEnvironment {
    public static final long RAM_BASE = 0x4000_0000L;
    public static final long RAM_SIZE = 64L << 20;
    public static final long CODE = RAM_BASE + 0x10_0000;
    public static final long DATA = RAM_BASE + 0x80_0000;

    private final PhysicalBus bus = new PhysicalBus(new ReentrantLock());
    private final Ram ram = new Ram(RAM_BASE, RAM_SIZE);
    private final A64Cpu cpu;
    public boolean irq;
    public boolean fiq;
    public long codeEnd;

    public CpuRig() {
        bus.addRam(ram);
        cpu = new A64Cpu(this);
        cpu.reset(1, CODE);
    }

    public A64Cpu cpu() { return cpu; }

    public CpuState s() { return cpu.state(); }

    public Ram ram() { return ram; }

    /** Assembles {@code source} at {@link #CODE} and resets the PC there. */
    public CpuRig load(String source) {
        byte[] code = Asm.assemble(source);
        bus.load(CODE, code);
        codeEnd = CODE + code.length;
        cpu.state().pc = CODE;
        return this;
    }

    /** Runs until the PC leaves [CODE, codeEnd) at codeEnd, or {@code maxInsns} retire. Returns the last exit. */
    public CpuExit run(long maxInsns) {
        long start = cpu.instructions;
        CpuExit exit = CpuExit.BUDGET;
        while (cpu.state().pc != codeEnd && cpu.instructions - start < maxInsns) {
            exit = cpu.run(1);
            if (exit != CpuExit.BUDGET) {
                return exit;
            }
        }
        return exit;
    }

    public CpuExit run() { return run(1_000_000); }

    @Override public PhysicalBus bus() { return bus; }
    @Override public int cpuIndex() { return 0; }
    @Override public long mpidr() { return 0x8000_0000L; }
    @Override public boolean irqAsserted() { return irq; }
    @Override public boolean fiqAsserted() { return fiq; }
    @Override public GenericTimerAccess timer() {
        return new GenericTimerAccess() {
            @Override public long read(Reg reg) { return reg == Reg.CNTFRQ ? 62_500_000L : 0; }
            @Override public void write(Reg reg, long value) { }
        };
    }
    @Override public boolean firmwareCall(A64Cpu c, boolean smc, int imm16) { return false; }
    @Override public void sendEvent() { cpu.eventRegister = true; }
    @Override public void broadcastTlbInvalidate(TlbInvalidation op) { }
}
