package org.emu4e.engine.cpu.sys;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuEnvironment;
import org.emu4e.engine.cpu.a64.CpuExit;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GenericTimerAccess;
import org.emu4e.engine.cpu.a64.TlbInvalidation;
import org.emu4e.engine.memory.PhysicalBus;
import org.emu4e.engine.memory.Ram;
import org.emu4e.engine.testing.Asm;

/**
 * One CPU on RAM for system-level tests, like {@code CpuRig} but with a configurable set of
 * implemented ELs, a firmware-call hook, recorded TLB broadcasts and a timer with storage.
 * Code is assembled at {@link #CODE}; {@link #run} stops at the label {@code done} (the
 * code's end) or on an exit.
 */
final class SysRig implements CpuEnvironment {
    static final long RAM_BASE = 0x4000_0000L;
    static final long RAM_SIZE = 64L << 20;
    static final long CODE = RAM_BASE + 0x10_0000;
    static final long DATA = RAM_BASE + 0x80_0000;
    static final long VECTORS = RAM_BASE + 0x2_0000;

    interface Firmware {
        boolean call(A64Cpu cpu, boolean smc, int imm16);
    }

    private final PhysicalBus bus = new PhysicalBus(new ReentrantLock());
    private final Ram ram = new Ram(RAM_BASE, RAM_SIZE);
    private final A64Cpu cpu;
    private final int highestEl;
    private final long[] timerRegs = new long[GenericTimerAccess.Reg.values().length];
    final List<TlbInvalidation> broadcasts = new ArrayList<>();
    boolean irq;
    boolean fiq;
    int events;
    /** The Performance Monitors interrupt output as the PMU last drove it. */
    boolean pmuIrq;
    Firmware firmware = (c, smc, imm) -> false;
    /** The GICv3 system-register CPU interface a test plugs in (null: none, as with a GICv2). */
    org.emu4e.engine.cpu.a64.GicCpuInterfaceAccess gic;
    long codeEnd;

    SysRig() {
        this(1);
    }

    SysRig(int highestEl) {
        this.highestEl = highestEl;
        bus.addRam(ram);
        cpu = new A64Cpu(this);
        cpu.reset(highestEl, CODE);
        timerRegs[GenericTimerAccess.Reg.CNTFRQ.ordinal()] = 62_500_000L;
    }

    A64Cpu cpu() { return cpu; }

    CpuState s() { return cpu.state(); }

    PhysicalBus physical() { return bus; }

    /**
     * Assembles {@code source} at {@link #CODE} followed by a {@code b .} end marker (the run
     * stops there) and the literal pool; the PC is set to the start.
     */
    SysRig load(String source) {
        byte[] code = Asm.assemble(source + "\n b .\n .ltorg\n");
        bus.load(CODE, code);
        codeEnd = CODE;
        while (bus.read(codeEnd, 4) != 0x1400_0000L) {
            codeEnd += 4;
        }
        cpu.state().pc = CODE;
        return this;
    }

    /** Places code at an absolute address (e.g. vector handlers). */
    SysRig place(long address, String source) {
        bus.load(address, Asm.assemble(source));
        return this;
    }

    /** Runs until the PC reaches the end of the loaded code, an exit, or {@code max} instructions. */
    CpuExit run(long max) {
        long start = cpu.instructions;
        while (cpu.state().pc != codeEnd && cpu.instructions - start < max) {
            CpuExit exit = cpu.run(1);
            if (exit != CpuExit.BUDGET && exit != CpuExit.STEP) {
                return exit;
            }
        }
        return cpu.state().pc == codeEnd ? null : CpuExit.BUDGET;
    }

    CpuExit run() { return run(200_000); }

    /** Runs until the PC enters the vector table at {@link #VECTORS} or the code ends. */
    SysRig runToVector() {
        for (int i = 0; i < 10_000 && cpu.state().pc != codeEnd; i++) {
            cpu.run(1);
            if ((cpu.state().pc & ~0x7FFL) == VECTORS) {
                break;
            }
        }
        return this;
    }

    long read64(long pa) { return bus.read(pa, 8); }

    void write64(long pa, long v) { bus.write(pa, 8, v); }

    long esr(int el) { return cpu.sys().esr[el]; }

    int ec(int el) { return (int) (cpu.sys().esr[el] >>> 26) & 0x3F; }

    int iss(int el) { return (int) cpu.sys().esr[el] & 0x1FF_FFFF; }

    @Override public PhysicalBus bus() { return bus; }
    @Override public int cpuIndex() { return 0; }
    @Override public long mpidr() { return 0x8000_0000L; }
    @Override public boolean irqAsserted() { return irq; }
    @Override public boolean fiqAsserted() { return fiq; }
    @Override public int highestEl() { return highestEl; }

    @Override public org.emu4e.engine.cpu.a64.GicCpuInterfaceAccess gicCpuInterface() { return gic; }

    @Override
    public GenericTimerAccess timer() {
        return new GenericTimerAccess() {
            @Override public long read(Reg reg) { return timerRegs[reg.ordinal()]; }
            @Override public void write(Reg reg, long value) { timerRegs[reg.ordinal()] = value; }
        };
    }

    @Override public boolean firmwareCall(A64Cpu c, boolean smc, int imm16) { return firmware.call(c, smc, imm16); }
    @Override public void sendEvent() { events++; cpu.eventRegister = true; }
    @Override public void setPmuInterrupt(boolean level) { pmuIrq = level; }
    @Override public void broadcastTlbInvalidate(TlbInvalidation op) { broadcasts.add(op); }
}
