package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.sem.vec.IntLane;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/** AdvSIMD (scalar) three different: long, wide and narrow-high forms, PMULL. */
final class ThreeDiff {
    private ThreeDiff() { }

    /** Lanes of the half of a register selected by part (the "2" forms read the upper half), in scratch {@code slot}. */
    static long[] half(CpuState s, int reg, int esize, int part, int slot) {
        long v = part == 1 ? s.vhi[reg] : s.vlo[reg];
        int count = 64 / esize;
        long[] r = Lanes.scratch(s, slot);
        for (int i = 0; i < count; i++) {
            r[i] = (v >>> (i * esize)) & VRegs.mask(esize);
        }
        return r;
    }

    /** 2*a*b saturated to 2*esize (SQDMULL); esize is 16 or 32. */
    static long sqdmull(int esize, long a, long b, CpuState st) {
        long x = IntLane.sx(a, esize);
        long y = IntLane.sx(b, esize);
        if (esize == 32 && x == Integer.MIN_VALUE && y == Integer.MIN_VALUE) {
            st.fpsr |= IntLane.QC;
            return Long.MAX_VALUE;
        }
        return IntLane.satS(2 * x * y, 2 * esize, st);
    }

    /** Long op on already-extracted lanes: key = U:opcode (non-narrow, non-wide). */
    static long longOp(int key, int esize, long d, long a, long b, CpuState st) {
        boolean us = (key & 0x10) != 0;
        long x = us ? a : IntLane.sx(a, esize);
        long y = us ? b : IntLane.sx(b, esize);
        int w = 2 * esize;
        return switch (key & 0xF) {
            case 0x0 -> x + y;
            case 0x2 -> x - y;
            case 0x5 -> d + Math.abs(x - y);
            case 0x7 -> Math.abs(x - y);
            case 0x8 -> d + x * y;
            case 0x9 -> IntLane.qadd(w, d, sqdmull(esize, a, b, st), false, st);
            case 0xA -> d - x * y;
            case 0xB -> IntLane.qsub(w, d, sqdmull(esize, a, b, st), false, st);
            case 0xC -> x * y;
            case 0xD -> sqdmull(esize, a, b, st);
            default -> throw GuestException.undefined();
        };
    }

    static void vector(A64Cpu cpu, int insn) {
        int q = u(insn, 30, 1);
        int uu = u(insn, 29, 1);
        int size = u(insn, 22, 2);
        int opcode = u(insn, 12, 4);
        int key = uu << 4 | opcode;
        CpuState s = cpu.state();
        if (opcode == 0xE && uu == 0 && (size == 0 || size == 3)) {
            pmull(s, insn, q, size);
            return;
        }
        boolean sqd = opcode == 0x9 || opcode == 0xB || opcode == 0xD;
        if (size == 3 || opcode == 0xF || opcode == 0xE || (sqd && (uu == 1 || size == 0))) {
            throw GuestException.undefined();
        }
        int esize = 8 << size;
        int w = 2 * esize;
        int count = 64 / esize;
        if (opcode == 4 || opcode == 6) {
            long[] n = Lanes.read(s, rn(insn), w, count, 0);
            long[] m = Lanes.read(s, rm(insn), w, count, 1);
            long[] r = Lanes.scratch(s, 2);
            for (int i = 0; i < count; i++) {
                long v = opcode == 4 ? n[i] + m[i] : n[i] - m[i];
                if (uu == 1) {
                    v += 1L << (esize - 1);
                }
                r[i] = w == 64 ? v >>> esize : (v & IntLane.maxU(w)) >>> esize;
            }
            TwoRegMisc.writePart(s, rd(insn), esize, r, q);
            return;
        }
        long[] m = half(s, rm(insn), esize, q, 3);
        long[] d = Lanes.read(s, rd(insn), w, count, 4);
        long[] r = Lanes.scratch(s, 5);
        if (opcode == 1 || opcode == 3) {
            long[] n = Lanes.read(s, rn(insn), w, count, 6);
            for (int i = 0; i < count; i++) {
                long y = uu == 1 ? m[i] : IntLane.sx(m[i], esize);
                r[i] = opcode == 1 ? n[i] + y : n[i] - y;
            }
        } else {
            long[] n = half(s, rn(insn), esize, q, 7);
            for (int i = 0; i < count; i++) {
                r[i] = longOp(key, esize, d[i], n[i], m[i], s);
            }
        }
        Lanes.write(s, rd(insn), w, r, count, true);
    }

    private static void pmull(CpuState s, int insn, int q, int size) {
        long a = q == 1 ? s.vhi[rn(insn)] : s.vlo[rn(insn)];
        long b = q == 1 ? s.vhi[rm(insn)] : s.vlo[rm(insn)];
        if (size == 3) {
            long lo = 0;
            long hi = 0;
            for (int i = 0; i < 64; i++) {
                if (((b >>> i) & 1) != 0) {
                    lo ^= a << i;
                    hi ^= i == 0 ? 0 : a >>> (64 - i);
                }
            }
            s.vlo[rd(insn)] = lo;
            s.vhi[rd(insn)] = hi;
            return;
        }
        long[] r = Lanes.scratch(s, 0);
        for (int i = 0; i < 8; i++) {
            r[i] = IntLane.pmul(16, (a >>> (8 * i)) & 0xFF, (b >>> (8 * i)) & 0xFF);
        }
        Lanes.write(s, rd(insn), 16, r, 8, true);
    }

    /** SQDMLAL, SQDMLSL, SQDMULL (scalar), sizes 16 and 32. */
    static void scalar(A64Cpu cpu, int insn) {
        int uu = u(insn, 29, 1);
        int size = u(insn, 22, 2);
        int opcode = u(insn, 12, 4);
        boolean sqd = opcode == 0x9 || opcode == 0xB || opcode == 0xD;
        if (!sqd || uu == 1 || size == 0 || size == 3) {
            throw GuestException.undefined();
        }
        CpuState s = cpu.state();
        int esize = 8 << size;
        long a = VRegs.get(s, rn(insn), 0, esize);
        long b = VRegs.get(s, rm(insn), 0, esize);
        long d = VRegs.get(s, rd(insn), 0, 2 * esize);
        VRegs.setScalar(s, rd(insn), 2 * esize, longOp(opcode, esize, d, a, b, s));
    }
}
