package org.emu4e.engine.testing;

import java.util.concurrent.locks.ReentrantLock;

import org.emu4e.engine.api.DebugHooks;
import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuEnvironment;
import org.emu4e.engine.cpu.a64.CpuExit;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GenericTimerAccess;
import org.emu4e.engine.cpu.a64.TlbInvalidation;
import org.emu4e.engine.api.ExecConfig;
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
    private final ExecConfig exec;
    private final A64Cpu cpu;
    public boolean irq;
    public boolean fiq;
    public long codeEnd;

    /** A rig in the mode the system properties choose ({@code -Demu4e.exec=jit}; interpreter by default). */
    public CpuRig() {
        this(ExecConfig.fromSystemProperties());
    }

    public CpuRig(ExecConfig exec) {
        this.exec = exec;
        bus.addRam(ram);
        cpu = new A64Cpu(this);
        cpu.reset(1, CODE);
        enableIdentityMmu();
    }

    /**
     * Turns the stage 1 MMU on with a flat map, so data accesses see Normal memory as they do
     * under {@code qemu-aarch64} (with the MMU off every data access is Device-nGnRnE and an
     * unaligned one faults, ARM ARM D8.2.10). 4K granule, 39-bit VA: 0-1 GiB is one level 1
     * Device-nGnRnE block (execute-never); RAM is mapped by 2 MiB level 2 blocks of Normal
     * write-back memory: the first (code, vectors) EL1-only, the rest read/write at EL0 too so
     * LDTR/STTR work (EL0-writable memory is privileged execute-never, D8.4.1.2).
     */
    public void enableIdentityMmu() {
        long l1 = RAM_BASE + RAM_SIZE - 0x1000;
        long l2 = l1 - 0x1000;
        bus.write(l1, 8, 0x401L | (1L << 2) | (3L << 53)); // Device block: AF, AttrIndx 1, UXN+PXN
        bus.write(l1 + 8, 8, l2 | 0b11);                    // table descriptor for 1-2 GiB
        for (int i = 0; i < 512; i++) {
            long ap = i == 0 ? 0 : 1L << 6;
            bus.write(l2 + 8L * i, 8, (RAM_BASE + ((long) i << 21)) | 0x701L | ap); // AF, inner shareable, AttrIndx 0
        }
        var sys = cpu.sys();
        sys.mairEl1 = 0x00FFL;                               // attr0 Normal WB, attr1 Device-nGnRnE
        sys.tcrEl1 = 25 | (1L << 8) | (1L << 10) | (3L << 12) | (1L << 23) | (2L << 32);
        sys.ttbr0El1 = l1;
        sys.sctlr[1] |= 0x1005;                              // M, C, I
        cpu.mmu().invalidate(TlbInvalidation.ALL);
    }

    /** Back to the reset state of the MMU: off, every data access Device. */
    public void disableMmu() {
        cpu.sys().sctlr[1] &= ~1L;
        cpu.mmu().invalidate(TlbInvalidation.ALL);
    }

    public A64Cpu cpu() { return cpu; }

    public CpuState s() { return cpu.state(); }

    public Ram ram() { return ram; }

    /** Assembles {@code source} at {@link #CODE} and resets the PC there. */
    public CpuRig load(String source) {
        return load(Asm.assemble(source));
    }

    /** Places machine code at {@link #CODE} and resets the PC there. */
    public CpuRig load(byte[] code) {
        bus.load(CODE, code);
        codeEnd = CODE + code.length;
        cpu.state().pc = CODE;
        return this;
    }

    /** Runs until the PC leaves [CODE, codeEnd) at codeEnd, or {@code maxInsns} retire. Returns the last exit. */
    public CpuExit run(long maxInsns) {
        if (cpu.translates()) {
            return runTranslated(maxInsns);
        }
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

    /**
     * {@link #run(long)} with the translator on: whole budgets instead of single steps (so blocks
     * run as compiled code), with a breakpoint at the end of the code, which translated code
     * honours by ending its block before it. Other hooks installed on the CPU stay in force.
     */
    private CpuExit runTranslated(long maxInsns) {
        DebugHooks inner = cpu.debug;
        long end = codeEnd;
        cpu.debug = new DebugHooks() {
            @Override
            public boolean breakpointAt(long pc) {
                return pc == end || inner != null && inner.breakpointAt(pc);
            }

            @Override
            public boolean anyBreakpointIn(long from, long to) {
                return end >= from && end < to || inner != null && inner.anyBreakpointIn(from, to);
            }

            @Override
            public long watchpointHit(long va, int size, boolean write) {
                return inner == null ? -1 : inner.watchpointHit(va, size, write);
            }

            @Override
            public boolean hasWatchpoints() {
                return inner != null && inner.hasWatchpoints();
            }
        };
        try {
            long start = cpu.instructions;
            CpuExit exit = CpuExit.BUDGET;
            while (cpu.state().pc != end && cpu.instructions - start < maxInsns) {
                exit = cpu.run(maxInsns - (cpu.instructions - start));
                if (exit == CpuExit.BREAKPOINT && cpu.state().pc == end) {
                    return CpuExit.BUDGET;
                }
                if (exit != CpuExit.BUDGET) {
                    return exit;
                }
            }
            return exit;
        } finally {
            cpu.debug = inner;
        }
    }

    @Override public PhysicalBus bus() { return bus; }
    @Override public int cpuIndex() { return 0; }
    @Override public long mpidr() { return 0x8000_0000L; }
    @Override public boolean irqAsserted() { return irq; }
    @Override public boolean fiqAsserted() { return fiq; }
    @Override public GenericTimerAccess timer() { return TestCpuEnvironment.FROZEN_TIMER; }
    @Override public boolean firmwareCall(A64Cpu c, boolean smc, int imm16) { return false; }
    @Override public void sendEvent() { cpu.eventRegister = true; }
    @Override public void broadcastTlbInvalidate(TlbInvalidation op) { }
    @Override public ExecConfig execConfig() { return exec; }
}
