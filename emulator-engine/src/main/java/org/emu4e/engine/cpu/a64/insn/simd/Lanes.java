package org.emu4e.engine.cpu.a64.insn.simd;

import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/** Whole-register lane reads and writes for the vector handlers, in per-vCPU scratch arrays (no allocation). */
final class Lanes {
    private Lanes() { }

    /**
     * The first {@code count} lanes of V[reg] in the vCPU's scratch array {@code slot} (0..7,
     * {@code CpuState.lanes}): a handler gives each array it holds at once its own slot, and
     * nothing outlives the instruction. Entries beyond {@code count} are stale.
     */
    static long[] read(CpuState s, int reg, int esize, int count, int slot) {
        long[] r = s.lanes[slot];
        for (int i = 0; i < count; i++) {
            r[i] = VRegs.get(s, reg, i, esize);
        }
        return r;
    }

    /** Scratch array {@code slot} for results (stale contents). */
    static long[] scratch(CpuState s, int slot) {
        return s.lanes[slot];
    }

    /** Scratch array {@code slot} holding {@code v} as its first lane. */
    static long[] one(CpuState s, int slot, long v) {
        long[] r = s.lanes[slot];
        r[0] = v;
        return r;
    }

    /** Writes count lanes; the rest of a 128-bit register is zeroed when !q (64-bit result). */
    static void write(CpuState s, int reg, int esize, long[] v, int count, boolean q) {
        long lo = 0;
        long hi = 0;
        long m = VRegs.mask(esize);
        for (int i = 0; i < count; i++) {
            int bit = i * esize;
            if (bit < 64) {
                lo |= (v[i] & m) << bit;
            } else {
                hi |= (v[i] & m) << (bit - 64);
            }
        }
        s.vlo[reg] = lo;
        s.vhi[reg] = q ? hi : 0;
    }

    static int count(int q, int esize) { return (q == 1 ? 128 : 64) / esize; }
}
