package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

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

    /** One lane of a three-register operation: {@code d} the destination's old lane, {@code a}/{@code b} Vn's and Vm's. */
    interface ThreeOp {
        long apply(int esize, long d, long a, long b, CpuState st);
    }

    /** Lane by lane over Q:esize: Vd[i] = op(Vd[i], Vn[i], Vm[i]). */
    static void threeSame(CpuState s, int insn, int esize, ThreeOp op) {
        int q = u(insn, 30, 1);
        int count = count(q, esize);
        long[] n = read(s, rn(insn), esize, count, 0);
        long[] m = read(s, rm(insn), esize, count, 1);
        long[] d = read(s, rd(insn), esize, count, 2);
        long[] r = scratch(s, 3);
        for (int i = 0; i < count; i++) {
            r[i] = op.apply(esize, d[i], n[i], m[i], s);
        }
        write(s, rd(insn), esize, r, count, q == 1);
    }

    /** Adjacent pairs of Vn:Vm, Vn's pairs in the low half of the result: Vd[i] = op(0, x[2j], x[2j+1]). */
    static void pairwise(CpuState s, int insn, int esize, ThreeOp op) {
        int q = u(insn, 30, 1);
        int count = count(q, esize);
        int half = count / 2;
        long[] n = read(s, rn(insn), esize, count, 0);
        long[] m = read(s, rm(insn), esize, count, 1);
        long[] r = scratch(s, 2);
        for (int i = 0; i < count; i++) {
            long[] src = i < half ? n : m;
            int j = (i % half) * 2;
            r[i] = op.apply(esize, 0, src[j], src[j + 1], s);
        }
        write(s, rd(insn), esize, r, count, q == 1);
    }
}
