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
 */
final class Exclusive {
    private Exclusive() { }

    private static boolean ordered(int insn) {
        return (insn & (1 << 15)) != 0;
    }

    static void ldxr(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        int bytes = 1 << (insn >>> 30);
        long va = Access.base(cpu, rn(insn));
        Access.checkAligned(cpu, va, bytes, false);
        long pa = cpu.mmu().translate(va, Mmu.READ, false);
        Access.watch(cpu, va, bytes, false);
        long v = ExclusiveMonitor.read(cpu, pa, bytes, va);
        if (ordered(insn)) {
            VarHandle.acquireFence();
        }
        cpu.exclusiveAddress = pa;
        cpu.exclusiveSize = bytes;
        cpu.exclusiveValue = v;
        s.setX(insn & 31, v);
    }

    static void stxr(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        int bytes = 1 << (insn >>> 30);
        long value = s.x(insn & 31);
        long va = Access.base(cpu, rn(insn));
        Access.checkAligned(cpu, va, bytes, true);
        long pa = cpu.mmu().translate(va, Mmu.WRITE, false);
        Access.watch(cpu, va, bytes, true);
        if (ordered(insn)) {
            VarHandle.releaseFence();
        }
        boolean ok = cpu.exclusiveAddress == pa
                && ExclusiveMonitor.compareAndSet(cpu, pa, bytes, cpu.exclusiveValue, value, va);
        cpu.clearExclusive();
        s.setW(rm(insn), ok ? 0 : 1);
    }

    static void ldxp(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        boolean x = (insn & (1 << 30)) != 0;
        int bytes = x ? 16 : 8;
        long va = Access.base(cpu, rn(insn));
        Access.checkAligned(cpu, va, bytes, false);
        long pa = cpu.mmu().translate(va, Mmu.READ, false);
        Access.watch(cpu, va, bytes, false);
        long lo = ExclusiveMonitor.read(cpu, pa, 8, va);
        long hi = x ? ExclusiveMonitor.read(cpu, pa + 8, 8, va) : 0;
        if (ordered(insn)) {
            VarHandle.acquireFence();
        }
        cpu.exclusiveAddress = pa;
        cpu.exclusiveSize = bytes;
        cpu.exclusiveValue = lo;
        cpu.exclusiveValueHigh = hi;
        if (x) {
            s.setX(insn & 31, lo);
            s.setX(rt2(insn), hi);
        } else {
            s.setX(insn & 31, lo & 0xFFFF_FFFFL);
            s.setX(rt2(insn), lo >>> 32);
        }
    }

    static void stxp(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        boolean x = (insn & (1 << 30)) != 0;
        int bytes = x ? 16 : 8;
        long v1 = s.x(insn & 31);
        long v2 = s.x(rt2(insn));
        long va = Access.base(cpu, rn(insn));
        Access.checkAligned(cpu, va, bytes, true);
        long pa = cpu.mmu().translate(va, Mmu.WRITE, false);
        Access.watch(cpu, va, bytes, true);
        if (ordered(insn)) {
            VarHandle.releaseFence();
        }
        boolean ok = cpu.exclusiveAddress == pa;
        if (ok) {
            ok = x ? ExclusiveMonitor.compareAndSet128(cpu, pa, cpu.exclusiveValue, cpu.exclusiveValueHigh, v1, v2, va)
                    : ExclusiveMonitor.compareAndSet(cpu, pa, 8, cpu.exclusiveValue,
                            (v1 & 0xFFFF_FFFFL) | (v2 << 32), va);
        }
        cpu.clearExclusive();
        s.setW(rm(insn), ok ? 0 : 1);
    }

    static void ldar(A64Cpu cpu, int insn) {
        int bytes = 1 << (insn >>> 30);
        long va = Access.base(cpu, rn(insn));
        Access.checkAligned(cpu, va, bytes, false);
        long v = cpu.read(va, bytes);
        VarHandle.acquireFence();
        cpu.state().setX(insn & 31, v);
    }

    static void stlr(A64Cpu cpu, int insn) {
        int bytes = 1 << (insn >>> 30);
        long va = Access.base(cpu, rn(insn));
        Access.checkAligned(cpu, va, bytes, true);
        VarHandle.releaseFence();
        cpu.write(va, bytes, cpu.state().x(insn & 31));
        VarHandle.fullFence();
    }
}
