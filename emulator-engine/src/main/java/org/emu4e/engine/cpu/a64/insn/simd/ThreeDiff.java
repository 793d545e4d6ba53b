package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;
import static org.emu4e.engine.cpu.a64.insn.simd.ThreeDiff.Encoding.*;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.decode.DecodeTable;
import org.emu4e.engine.cpu.a64.decode.Handler;
import org.emu4e.engine.cpu.a64.sem.vec.IntLane;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/**
 * AdvSIMD three different and its scalar form (C4.1.69): long, wide and narrow-high forms,
 * PMULL; one row per encoding, named after its {@link Encoding} constant, which is also its
 * handler; reserved sizes have no row. Pattern letters: q = Q (the "2" forms, upper halves),
 * z = size, m/n/d = registers.
 */
final class ThreeDiff {
    private ThreeDiff() { }

    // how an encoding applies its operation
    private static final int LONG = 0;
    private static final int WIDE = 1;
    private static final int NARROW_HIGH = 2;
    private static final int POLY = 3;
    private static final int SCALAR = 4;

    /** Every three different encoding: its shape and its U:opcode (the lane operation). */
    enum Encoding implements Handler {
        SADDL(LONG, 0x00), SADDW(WIDE, 0x01), SSUBL(LONG, 0x02), SSUBW(WIDE, 0x03),
        ADDHN(NARROW_HIGH, 0x04), SABAL(LONG, 0x05), SUBHN(NARROW_HIGH, 0x06), SABDL(LONG, 0x07),
        SMLAL_vector(LONG, 0x08), SQDMLAL_vector(LONG, 0x09), SMLSL_vector(LONG, 0x0A),
        SQDMLSL_vector(LONG, 0x0B), SMULL_vector(LONG, 0x0C), SQDMULL_vector(LONG, 0x0D),
        PMULL(POLY, 0x0E),
        UADDL(LONG, 0x10), UADDW(WIDE, 0x11), USUBL(LONG, 0x12), USUBW(WIDE, 0x13),
        RADDHN(NARROW_HIGH, 0x14), UABAL(LONG, 0x15), RSUBHN(NARROW_HIGH, 0x16), UABDL(LONG, 0x17),
        UMLAL_vector(LONG, 0x18), UMLSL_vector(LONG, 0x1A), UMULL_vector(LONG, 0x1C),
        SQDMLAL_vector_scalar(SCALAR, 0x09), SQDMLSL_vector_scalar(SCALAR, 0x0B),
        SQDMULL_vector_scalar(SCALAR, 0x0D);

        private final int shape;
        private final int key;

        Encoding(int shape, int key) {
            this.shape = shape;
            this.key = key;
        }

        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            int q = u(insn, 30, 1);
            int size = u(insn, 22, 2);
            switch (shape) {
                case POLY -> pmull(s, insn, q, size);
                case SCALAR -> scalar(s, insn, key, 8 << size);
                default -> vector(s, insn, shape, key, q, 8 << size);
            }
        }
    }

    static void rows(DecodeTable t) {
        // Advanced SIMD three different: 0 Q U 01110 size 1 Rm opcode 00 Rn Rd; no size 11
        // except PMULL (sizes 00 and 11 only); the doubling forms take halfwords and words
        row(t, SADDL, "0q001110 zz1 mmmmm 0000 00 nnnnn ddddd").reserved("z", 0b11);
        row(t, SADDW, "0q001110 zz1 mmmmm 0001 00 nnnnn ddddd").reserved("z", 0b11);
        row(t, SSUBL, "0q001110 zz1 mmmmm 0010 00 nnnnn ddddd").reserved("z", 0b11);
        row(t, SSUBW, "0q001110 zz1 mmmmm 0011 00 nnnnn ddddd").reserved("z", 0b11);
        row(t, ADDHN, "0q001110 zz1 mmmmm 0100 00 nnnnn ddddd").reserved("z", 0b11);
        row(t, SABAL, "0q001110 zz1 mmmmm 0101 00 nnnnn ddddd").reserved("z", 0b11);
        row(t, SUBHN, "0q001110 zz1 mmmmm 0110 00 nnnnn ddddd").reserved("z", 0b11);
        row(t, SABDL, "0q001110 zz1 mmmmm 0111 00 nnnnn ddddd").reserved("z", 0b11);
        row(t, SMLAL_vector, "0q001110 zz1 mmmmm 1000 00 nnnnn ddddd").reserved("z", 0b11);
        row(t, SQDMLAL_vector, "0q001110 zz1 mmmmm 1001 00 nnnnn ddddd").reserved("z", 0b11).reserved("z", 0);
        row(t, SMLSL_vector, "0q001110 zz1 mmmmm 1010 00 nnnnn ddddd").reserved("z", 0b11);
        row(t, SQDMLSL_vector, "0q001110 zz1 mmmmm 1011 00 nnnnn ddddd").reserved("z", 0b11).reserved("z", 0);
        row(t, SMULL_vector, "0q001110 zz1 mmmmm 1100 00 nnnnn ddddd").reserved("z", 0b11);
        row(t, SQDMULL_vector, "0q001110 zz1 mmmmm 1101 00 nnnnn ddddd").reserved("z", 0b11).reserved("z", 0);
        row(t, PMULL, "0q001110 zz1 mmmmm 1110 00 nnnnn ddddd").reserved("z", 0b01).reserved("z", 0b10);
        row(t, UADDL, "0q101110 zz1 mmmmm 0000 00 nnnnn ddddd").reserved("z", 0b11);
        row(t, UADDW, "0q101110 zz1 mmmmm 0001 00 nnnnn ddddd").reserved("z", 0b11);
        row(t, USUBL, "0q101110 zz1 mmmmm 0010 00 nnnnn ddddd").reserved("z", 0b11);
        row(t, USUBW, "0q101110 zz1 mmmmm 0011 00 nnnnn ddddd").reserved("z", 0b11);
        row(t, RADDHN, "0q101110 zz1 mmmmm 0100 00 nnnnn ddddd").reserved("z", 0b11);
        row(t, UABAL, "0q101110 zz1 mmmmm 0101 00 nnnnn ddddd").reserved("z", 0b11);
        row(t, RSUBHN, "0q101110 zz1 mmmmm 0110 00 nnnnn ddddd").reserved("z", 0b11);
        row(t, UABDL, "0q101110 zz1 mmmmm 0111 00 nnnnn ddddd").reserved("z", 0b11);
        row(t, UMLAL_vector, "0q101110 zz1 mmmmm 1000 00 nnnnn ddddd").reserved("z", 0b11);
        row(t, UMLSL_vector, "0q101110 zz1 mmmmm 1010 00 nnnnn ddddd").reserved("z", 0b11);
        row(t, UMULL_vector, "0q101110 zz1 mmmmm 1100 00 nnnnn ddddd").reserved("z", 0b11);

        // Advanced SIMD scalar three different: 01 U 11110 size 1 Rm opcode 00 Rn Rd; U = 0,
        // halfwords and words only
        row(t, SQDMLAL_vector_scalar, "01011110 zz1 mmmmm 1001 00 nnnnn ddddd").reserved("z", 0b11).reserved("z", 0);
        row(t, SQDMLSL_vector_scalar, "01011110 zz1 mmmmm 1011 00 nnnnn ddddd").reserved("z", 0b11).reserved("z", 0);
        row(t, SQDMULL_vector_scalar, "01011110 zz1 mmmmm 1101 00 nnnnn ddddd").reserved("z", 0b11).reserved("z", 0);
    }

    private static DecodeTable row(DecodeTable t, Encoding e, String pattern) {
        return t.add(e.name(), pattern, e);
    }

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

    /** The long, wide and narrow-high forms; Q picks the upper half of the narrow operands. */
    private static void vector(CpuState s, int insn, int shape, int key, int q, int esize) {
        boolean unsigned = (key & 0x10) != 0;
        int w = 2 * esize;
        int count = 64 / esize;
        if (shape == NARROW_HIGH) {
            // ADDHN, SUBHN and their rounding forms: the high half of each 2*esize result
            boolean add = (key & 0xF) == 4;
            long[] n = Lanes.read(s, rn(insn), w, count, 0);
            long[] m = Lanes.read(s, rm(insn), w, count, 1);
            long[] r = Lanes.scratch(s, 2);
            for (int i = 0; i < count; i++) {
                long v = add ? n[i] + m[i] : n[i] - m[i];
                if (unsigned) {
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
        if (shape == WIDE) {
            boolean add = (key & 0xF) == 1;
            long[] n = Lanes.read(s, rn(insn), w, count, 6);
            for (int i = 0; i < count; i++) {
                long y = unsigned ? m[i] : IntLane.sx(m[i], esize);
                r[i] = add ? n[i] + y : n[i] - y;
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
    private static void scalar(CpuState s, int insn, int key, int esize) {
        long a = VRegs.get(s, rn(insn), 0, esize);
        long b = VRegs.get(s, rm(insn), 0, esize);
        long d = VRegs.get(s, rd(insn), 0, 2 * esize);
        VRegs.setScalar(s, rd(insn), 2 * esize, longOp(key, esize, d, a, b, s));
    }
}
