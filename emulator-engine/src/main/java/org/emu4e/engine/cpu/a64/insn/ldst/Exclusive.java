package org.emu4e.engine.cpu.a64.insn.ldst;

import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.rt2;

import java.lang.invoke.VarHandle;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.mmu.Mmu;

/**
 * Load/store exclusive (LDXR, LDAXR, STXR, STLXR and the pair forms) and load-acquire /
 * store-release (LDAR, STLR) (C6.2; B2.3 ordering). All require natural alignment of the whole
 * access (B2.5.2), else an Alignment fault. Acquire is a JVM acquire fence after the load;
 * release is a release fence before the store; STLR is followed by a full fence so that a
 * later LDAR cannot be reordered before it (the RCsc rule of B2.3.7).
 *
 * <p>The local monitor records the physical address, size and value read; see
 * {@link ExclusiveMonitor} for how the store decides. A store-exclusive whose size differs from
 * the load-exclusive's is CONSTRAINED UNPREDICTABLE (B2.9.5); like QEMU we only compare the
 * address and then compare memory with the recorded value truncated to the store's size
 * (a 2x64 STXP after a single LDXR compares the high half with the last LDXP's high value). STXR with Rs == Rt or Rs == Rn is
 * CONSTRAINED UNPREDICTABLE: the store uses the old Rt, then Rs gets the status.
 * LDXP with Rt == Rt2 leaves the Rt2 value (QEMU writes Rt then Rt2).
 *
 * <p>The public methods take the operands (base register number and value, sizes, values) and
 * touch no general register: the interpreter's handlers and translated code both call them,
 * so the two engines share one implementation of the monitor. They may throw a
 * {@code GuestException} (the caller's PC and registers must be precise) and may set
 * {@code cpu.pendingExit} (a debugger watchpoint).
 */
public final class Exclusive {
    private Exclusive() { }

    private static boolean ordered(int insn) {
        return (insn & (1 << 15)) != 0;
    }

    /** The base address: {@code base} is Xn, or SP when {@code rn} is 31 (then checked for alignment). */
    private static long address(A64Cpu cpu, int rn, long base) {
        if (rn == 31) {
            Access.checkSp(cpu, base);
        }
        return base;
    }

    /** LDXR/LDAXR: the value of {@code bytes} at the base; arms the local monitor. */
    public static long loadExclusive(A64Cpu cpu, int rn, long base, int bytes, boolean acquire) {
        long va = address(cpu, rn, base);
        Access.checkAligned(cpu, va, bytes, false);
        long pa = cpu.mmu().translate(va, Mmu.READ, false);
        Access.watch(cpu, va, bytes, false);
        long v = ExclusiveMonitor.read(cpu, pa, bytes, va);
        if (acquire) {
            VarHandle.acquireFence();
        }
        cpu.exclusiveAddress = pa;
        cpu.exclusiveSize = bytes;
        cpu.exclusiveValue = v;
        return v;
    }

    /** STXR/STLXR: the status (0 stored, 1 failed); clears the local monitor. */
    public static int storeExclusive(A64Cpu cpu, int rn, long base, int bytes, long value, boolean release) {
        long va = address(cpu, rn, base);
        Access.checkAligned(cpu, va, bytes, true);
        long pa = cpu.mmu().translate(va, Mmu.WRITE, false);
        Access.watch(cpu, va, bytes, true);
        if (release) {
            VarHandle.releaseFence();
        }
        boolean ok = cpu.exclusiveAddress == pa
                && ExclusiveMonitor.compareAndSet(cpu, pa, bytes, cpu.exclusiveValue, value, va);
        cpu.clearExclusive();
        return ok ? 0 : 1;
    }

    /**
     * LDXP/LDAXP: for 64-bit registers ({@code x}) the first doubleword, the second left in
     * {@code cpu.exclusiveValueHigh}; for 32-bit ones the 8 bytes, Rt the low word.
     */
    public static long loadExclusivePair(A64Cpu cpu, int rn, long base, boolean x, boolean acquire) {
        int bytes = x ? 16 : 8;
        long va = address(cpu, rn, base);
        Access.checkAligned(cpu, va, bytes, false);
        long pa = cpu.mmu().translate(va, Mmu.READ, false);
        Access.watch(cpu, va, bytes, false);
        long lo = ExclusiveMonitor.read(cpu, pa, 8, va);
        long hi = x ? ExclusiveMonitor.read(cpu, pa + 8, 8, va) : 0;
        if (acquire) {
            VarHandle.acquireFence();
        }
        cpu.exclusiveAddress = pa;
        cpu.exclusiveSize = bytes;
        cpu.exclusiveValue = lo;
        cpu.exclusiveValueHigh = hi;
        return lo;
    }

    /** STXP/STLXP of Rt ({@code v1}) and Rt2 ({@code v2}): the status; clears the local monitor. */
    public static int storeExclusivePair(A64Cpu cpu, int rn, long base, boolean x, long v1, long v2,
            boolean release) {
        int bytes = x ? 16 : 8;
        long va = address(cpu, rn, base);
        Access.checkAligned(cpu, va, bytes, true);
        long pa = cpu.mmu().translate(va, Mmu.WRITE, false);
        Access.watch(cpu, va, bytes, true);
        if (release) {
            VarHandle.releaseFence();
        }
        boolean ok = cpu.exclusiveAddress == pa;
        if (ok) {
            ok = x ? ExclusiveMonitor.compareAndSet128(cpu, pa, cpu.exclusiveValue, cpu.exclusiveValueHigh, v1, v2, va)
                    : ExclusiveMonitor.compareAndSet(cpu, pa, 8, cpu.exclusiveValue,
                            (v1 & 0xFFFF_FFFFL) | (v2 << 32), va);
        }
        cpu.clearExclusive();
        return ok ? 0 : 1;
    }

    /** LDAR: the value, then an acquire fence. */
    public static long loadAcquire(A64Cpu cpu, int rn, long base, int bytes) {
        long va = address(cpu, rn, base);
        Access.checkAligned(cpu, va, bytes, false);
        long v = cpu.read(va, bytes);
        VarHandle.acquireFence();
        return v;
    }

    /** STLR: a release fence, the store, then a full fence. */
    public static void storeRelease(A64Cpu cpu, int rn, long base, int bytes, long value) {
        long va = address(cpu, rn, base);
        Access.checkAligned(cpu, va, bytes, true);
        VarHandle.releaseFence();
        cpu.write(va, bytes, value);
        VarHandle.fullFence();
    }

    // ---- interpreter handlers ---------------------------------------------------------------

    private static long base(A64Cpu cpu, int insn) {
        int n = rn(insn);
        return n == 31 ? cpu.state().currentSp() : cpu.state().x[n];
    }

    static void ldxr(A64Cpu cpu, int insn) {
        long v = loadExclusive(cpu, rn(insn), base(cpu, insn), 1 << (insn >>> 30), ordered(insn));
        cpu.state().setX(insn & 31, v);
    }

    static void stxr(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        int status = storeExclusive(cpu, rn(insn), base(cpu, insn), 1 << (insn >>> 30), s.x(insn & 31),
                ordered(insn));
        s.setW(rm(insn), status);
    }

    static void ldxp(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        boolean x = (insn & (1 << 30)) != 0;
        long lo = loadExclusivePair(cpu, rn(insn), base(cpu, insn), x, ordered(insn));
        if (x) {
            s.setX(insn & 31, lo);
            s.setX(rt2(insn), cpu.exclusiveValueHigh);
        } else {
            s.setX(insn & 31, lo & 0xFFFF_FFFFL);
            s.setX(rt2(insn), lo >>> 32);
        }
    }

    static void stxp(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        boolean x = (insn & (1 << 30)) != 0;
        int status = storeExclusivePair(cpu, rn(insn), base(cpu, insn), x, s.x(insn & 31), s.x(rt2(insn)),
                ordered(insn));
        s.setW(rm(insn), status);
    }

    static void ldar(A64Cpu cpu, int insn) {
        long v = loadAcquire(cpu, rn(insn), base(cpu, insn), 1 << (insn >>> 30));
        cpu.state().setX(insn & 31, v);
    }

    static void stlr(A64Cpu cpu, int insn) {
        storeRelease(cpu, rn(insn), base(cpu, insn), 1 << (insn >>> 30), cpu.state().x(insn & 31));
    }
}
