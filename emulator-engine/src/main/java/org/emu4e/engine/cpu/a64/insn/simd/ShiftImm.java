package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;
import static org.emu4e.engine.cpu.a64.insn.simd.ShiftImm.Encoding.*;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.decode.DecodeTable;
import org.emu4e.engine.cpu.a64.decode.Handler;
import org.emu4e.engine.cpu.a64.sem.fp.Fp;
import org.emu4e.engine.cpu.a64.sem.fp.FpConvert;
import org.emu4e.engine.cpu.a64.sem.vec.IntLane;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/**
 * AdvSIMD shift by immediate and its scalar form (C4.1.69): one row per encoding, named after
 * its {@link Encoding} constant, which is also its handler. The element size is the top set
 * bit of immh (letters wxyz, w = bit 22); right shifts are 2*esize - immh:immb, left shifts
 * immh:immb - esize. immh = 0000 (the modified immediate class), 64-bit lanes with Q = 0,
 * narrowing and lengthening from 64-bit lanes, fixed-point conversions of bytes and
 * halfwords and the scalar forms the ARM ARM allows only on doublewords with other sizes have
 * no row. Pattern letters: q = Q, b = immb, n/d = registers.
 */
final class ShiftImm {
    private ShiftImm() { }

    // how an encoding applies its operation
    private static final int SAME = 0;
    private static final int NARROW = 1;
    private static final int LONG = 2;
    private static final int FIXED = 3;

    /** Every shift by immediate encoding: its shape and its U:opcode (the element operation). */
    enum Encoding implements Handler {
        SSHR(SAME, 0x00), SSRA(SAME, 0x02), SRSHR(SAME, 0x04), SRSRA(SAME, 0x06), SHL(SAME, 0x0A),
        SQSHL_imm(SAME, 0x0E), SHRN(NARROW, 0x10), RSHRN(NARROW, 0x11), SQSHRN(NARROW, 0x12),
        SQRSHRN(NARROW, 0x13), SSHLL(LONG, 0x14), SCVTF_vector_fix(FIXED, 0x1C),
        FCVTZS_vector_fix(FIXED, 0x1F),
        USHR(SAME, 0x20), USRA(SAME, 0x22), URSHR(SAME, 0x24), URSRA(SAME, 0x26), SRI(SAME, 0x28),
        SLI(SAME, 0x2A), SQSHLU(SAME, 0x2C), UQSHL_imm(SAME, 0x2E), SQSHRUN(NARROW, 0x30),
        SQRSHRUN(NARROW, 0x31), UQSHRN(NARROW, 0x32), UQRSHRN(NARROW, 0x33), USHLL(LONG, 0x34),
        UCVTF_vector_fix(FIXED, 0x3C), FCVTZU_vector_fix(FIXED, 0x3F),
        SSHR_scalar(SAME, 0x00), SSRA_scalar(SAME, 0x02), SRSHR_scalar(SAME, 0x04),
        SRSRA_scalar(SAME, 0x06), SHL_scalar(SAME, 0x0A), SQSHL_imm_scalar(SAME, 0x0E),
        SQSHRN_scalar(NARROW, 0x12), SQRSHRN_scalar(NARROW, 0x13), SCVTF_scalar_fix(FIXED, 0x1C),
        FCVTZS_scalar_fix(FIXED, 0x1F),
        USHR_scalar(SAME, 0x20), USRA_scalar(SAME, 0x22), URSHR_scalar(SAME, 0x24),
        URSRA_scalar(SAME, 0x26), SRI_scalar(SAME, 0x28), SLI_scalar(SAME, 0x2A),
        SQSHLU_scalar(SAME, 0x2C), UQSHL_imm_scalar(SAME, 0x2E), SQSHRUN_scalar(NARROW, 0x30),
        SQRSHRUN_scalar(NARROW, 0x31), UQSHRN_scalar(NARROW, 0x32), UQRSHRN_scalar(NARROW, 0x33),
        UCVTF_scalar_fix(FIXED, 0x3C), FCVTZU_scalar_fix(FIXED, 0x3F);

        private final int shape;
        private final int key;
        private final boolean scalar;

        Encoding(int shape, int key) {
            this.shape = shape;
            this.key = key;
            this.scalar = name().endsWith("_scalar") || name().endsWith("_scalar_fix");
        }

        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            int q = scalar ? 1 : u(insn, 30, 1);
            int esize = 8 << (31 - Integer.numberOfLeadingZeros(u(insn, 19, 4)));
            int shift = u(insn, 16, 7);
            switch (shape) {
                case SAME -> same(s, insn, key, esize, shift, q, scalar);
                case NARROW -> narrow(s, insn, key, esize, shift, q, scalar);
                case LONG -> lengthen(s, insn, key == 0x34, esize, shift, q);
                default -> fixedPoint(s, insn, key, esize, shift, q, scalar);
            }
        }
    }

    static void rows(DecodeTable t) {
        // Advanced SIMD shift by immediate: 0 Q U 011110 immh immb opcode 1 Rn Rd
        sameRow(t, SSHR, "0q0011110 wxyz bbb 00000 1 nnnnn ddddd");
        sameRow(t, SSRA, "0q0011110 wxyz bbb 00010 1 nnnnn ddddd");
        sameRow(t, SRSHR, "0q0011110 wxyz bbb 00100 1 nnnnn ddddd");
        sameRow(t, SRSRA, "0q0011110 wxyz bbb 00110 1 nnnnn ddddd");
        sameRow(t, SHL, "0q0011110 wxyz bbb 01010 1 nnnnn ddddd");
        sameRow(t, SQSHL_imm, "0q0011110 wxyz bbb 01110 1 nnnnn ddddd");
        narrowRow(t, SHRN, "0q0011110 wxyz bbb 10000 1 nnnnn ddddd");
        narrowRow(t, RSHRN, "0q0011110 wxyz bbb 10001 1 nnnnn ddddd");
        narrowRow(t, SQSHRN, "0q0011110 wxyz bbb 10010 1 nnnnn ddddd");
        narrowRow(t, SQRSHRN, "0q0011110 wxyz bbb 10011 1 nnnnn ddddd");
        narrowRow(t, SSHLL, "0q0011110 wxyz bbb 10100 1 nnnnn ddddd");
        fixedRow(t, SCVTF_vector_fix, "0q0011110 wxyz bbb 11100 1 nnnnn ddddd");
        fixedRow(t, FCVTZS_vector_fix, "0q0011110 wxyz bbb 11111 1 nnnnn ddddd");
        sameRow(t, USHR, "0q1011110 wxyz bbb 00000 1 nnnnn ddddd");
        sameRow(t, USRA, "0q1011110 wxyz bbb 00010 1 nnnnn ddddd");
        sameRow(t, URSHR, "0q1011110 wxyz bbb 00100 1 nnnnn ddddd");
        sameRow(t, URSRA, "0q1011110 wxyz bbb 00110 1 nnnnn ddddd");
        sameRow(t, SRI, "0q1011110 wxyz bbb 01000 1 nnnnn ddddd");
        sameRow(t, SLI, "0q1011110 wxyz bbb 01010 1 nnnnn ddddd");
        sameRow(t, SQSHLU, "0q1011110 wxyz bbb 01100 1 nnnnn ddddd");
        sameRow(t, UQSHL_imm, "0q1011110 wxyz bbb 01110 1 nnnnn ddddd");
        narrowRow(t, SQSHRUN, "0q1011110 wxyz bbb 10000 1 nnnnn ddddd");
        narrowRow(t, SQRSHRUN, "0q1011110 wxyz bbb 10001 1 nnnnn ddddd");
        narrowRow(t, UQSHRN, "0q1011110 wxyz bbb 10010 1 nnnnn ddddd");
        narrowRow(t, UQRSHRN, "0q1011110 wxyz bbb 10011 1 nnnnn ddddd");
        narrowRow(t, USHLL, "0q1011110 wxyz bbb 10100 1 nnnnn ddddd");
        fixedRow(t, UCVTF_vector_fix, "0q1011110 wxyz bbb 11100 1 nnnnn ddddd");
        fixedRow(t, FCVTZU_vector_fix, "0q1011110 wxyz bbb 11111 1 nnnnn ddddd");

        // Advanced SIMD scalar shift by immediate: 01 U 111110 immh immb opcode 1 Rn Rd; the
        // plain shifts and inserts are doubleword only (immh = 1xxx)
        row(t, SSHR_scalar, "010111110 1xyz bbb 00000 1 nnnnn ddddd");
        row(t, SSRA_scalar, "010111110 1xyz bbb 00010 1 nnnnn ddddd");
        row(t, SRSHR_scalar, "010111110 1xyz bbb 00100 1 nnnnn ddddd");
        row(t, SRSRA_scalar, "010111110 1xyz bbb 00110 1 nnnnn ddddd");
        row(t, SHL_scalar, "010111110 1xyz bbb 01010 1 nnnnn ddddd");
        row(t, SQSHL_imm_scalar, "010111110 wxyz bbb 01110 1 nnnnn ddddd").reserved("wxyz", 0);
        narrowRow(t, SQSHRN_scalar, "010111110 wxyz bbb 10010 1 nnnnn ddddd");
        narrowRow(t, SQRSHRN_scalar, "010111110 wxyz bbb 10011 1 nnnnn ddddd");
        row(t, SCVTF_scalar_fix, "010111110 wxyz bbb 11100 1 nnnnn ddddd").reserved("wx", 0);
        row(t, FCVTZS_scalar_fix, "010111110 wxyz bbb 11111 1 nnnnn ddddd").reserved("wx", 0);
        row(t, USHR_scalar, "011111110 1xyz bbb 00000 1 nnnnn ddddd");
        row(t, USRA_scalar, "011111110 1xyz bbb 00010 1 nnnnn ddddd");
        row(t, URSHR_scalar, "011111110 1xyz bbb 00100 1 nnnnn ddddd");
        row(t, URSRA_scalar, "011111110 1xyz bbb 00110 1 nnnnn ddddd");
        row(t, SRI_scalar, "011111110 1xyz bbb 01000 1 nnnnn ddddd");
        row(t, SLI_scalar, "011111110 1xyz bbb 01010 1 nnnnn ddddd");
        row(t, SQSHLU_scalar, "011111110 wxyz bbb 01100 1 nnnnn ddddd").reserved("wxyz", 0);
        row(t, UQSHL_imm_scalar, "011111110 wxyz bbb 01110 1 nnnnn ddddd").reserved("wxyz", 0);
        narrowRow(t, SQSHRUN_scalar, "011111110 wxyz bbb 10000 1 nnnnn ddddd");
        narrowRow(t, SQRSHRUN_scalar, "011111110 wxyz bbb 10001 1 nnnnn ddddd");
        narrowRow(t, UQSHRN_scalar, "011111110 wxyz bbb 10010 1 nnnnn ddddd");
        narrowRow(t, UQRSHRN_scalar, "011111110 wxyz bbb 10011 1 nnnnn ddddd");
        row(t, UCVTF_scalar_fix, "011111110 wxyz bbb 11100 1 nnnnn ddddd").reserved("wx", 0);
        row(t, FCVTZU_scalar_fix, "011111110 wxyz bbb 11111 1 nnnnn ddddd").reserved("wx", 0);
    }

    private static DecodeTable row(DecodeTable t, Encoding e, String pattern) {
        return t.add(e.name(), pattern, e);
    }

    /** Same-width vector rows: no immh = 0000, no 64-bit lanes with Q = 0. */
    private static void sameRow(DecodeTable t, Encoding e, String pattern) {
        row(t, e, pattern).reserved("wxyz", 0).reserved("qw", 0b01);
    }

    /** Narrowing and lengthening rows: source or result lanes of at most 32 bits (immh = 0xxx). */
    private static void narrowRow(DecodeTable t, Encoding e, String pattern) {
        row(t, e, pattern).reserved("wxyz", 0).reserved("w", 1);
    }

    /** Fixed-point vector rows: 32- or 64-bit lanes (immh = 01xx or 1xxx), 64-bit ones with Q = 1. */
    private static void fixedRow(DecodeTable t, Encoding e, String pattern) {
        row(t, e, pattern).reserved("wx", 0).reserved("qw", 0b01);
    }

    /** Same-width element op; returns the new element given old d and source a. */
    static long element(int key, int esize, int shift, long d, long a, CpuState st) {
        boolean us = (key & 0x20) != 0;
        long x = us ? IntLane.zx(a, esize) : IntLane.sx(a, esize);
        int rs = 2 * esize - shift;
        int ls = shift - esize;
        return switch (key & 0x1F) {
            case 0x00 -> IntLane.shiftRight(x, rs, us, false);
            case 0x02 -> d + IntLane.shiftRight(x, rs, us, false);
            case 0x04 -> IntLane.shiftRight(x, rs, us, true);
            case 0x06 -> d + IntLane.shiftRight(x, rs, us, true);
            case 0x08 -> {
                long m = rs >= 64 ? 0 : IntLane.maxU(esize) >>> rs;
                yield (d & ~m) | (rs >= 64 ? 0 : IntLane.zx(a, esize) >>> rs);
            }
            case 0x0A -> us ? (d & ~(IntLane.maxU(esize) << ls)) | (a << ls) : a << ls;
            case 0x0C -> IntLane.satShiftLeft(IntLane.sx(a, esize), ls, esize, false, true, st);
            default -> IntLane.satShiftLeft(x, ls, esize, us, us, st); // 0x0E
        };
    }

    /** Shifts, accumulating shifts, inserts and saturating left shifts on lanes of one width. */
    private static void same(CpuState s, int insn, int key, int esize, int shift, int q, boolean scalar) {
        int count = scalar ? 1 : Lanes.count(q, esize);
        long[] a = Lanes.read(s, rn(insn), esize, count, 1);
        long[] d = Lanes.read(s, rd(insn), esize, count, 2);
        for (int i = 0; i < count; i++) {
            a[i] = element(key, esize, shift, d[i], a[i], s);
        }
        if (scalar) {
            VRegs.setScalar(s, rd(insn), esize, a[0]);
        } else {
            Lanes.write(s, rd(insn), esize, a, count, q == 1);
        }
    }

    /** SSHLL, USHLL: the lower (Q = 0) or upper half's lanes, extended to 2*esize and shifted left. */
    private static void lengthen(CpuState s, int insn, boolean unsigned, int esize, int shift, int q) {
        long part = q == 1 ? s.vhi[rn(insn)] : s.vlo[rn(insn)];
        int count = 64 / esize;
        long[] r = Lanes.scratch(s, 0);
        for (int i = 0; i < count; i++) {
            long v = (part >>> (i * esize)) & VRegs.mask(esize);
            r[i] = (unsigned ? v : IntLane.sx(v, esize)) << (shift - esize);
        }
        Lanes.write(s, rd(insn), 2 * esize, r, count, true);
    }

    /** SHRN, RSHRN, SQSHRUN, SQRSHRUN, SQSHRN, UQSHRN, SQRSHRN, UQRSHRN. */
    private static void narrow(CpuState s, int insn, int key, int esize, int shift, int q, boolean scalar) {
        int rs = 2 * esize - shift;
        boolean round = (key & 1) != 0;
        boolean unsignedIn = key == 0x32 || key == 0x33;
        int count = scalar ? 1 : 64 / esize;
        long[] a = Lanes.read(s, rn(insn), 2 * esize, count, 0);
        long[] r = Lanes.scratch(s, 1);
        for (int i = 0; i < count; i++) {
            long x = unsignedIn ? IntLane.zx(a[i], 2 * esize) : IntLane.sx(a[i], 2 * esize);
            long v = IntLane.shiftRight(x, rs, unsignedIn, round);
            r[i] = switch (key) {
                case 0x10, 0x11 -> v;
                case 0x30, 0x31 -> IntLane.satU(v, esize, s);
                case 0x12, 0x13 -> IntLane.satS(v, esize, s);
                default -> TwoRegMisc.satUU(v, esize, s);
            };
        }
        if (scalar) {
            VRegs.setScalar(s, rd(insn), esize, r[0]);
        } else {
            TwoRegMisc.writePart(s, rd(insn), esize, r, q);
        }
    }

    /** SCVTF/UCVTF (0x1C) and FCVTZS/FCVTZU (0x1F) with fbits = 2*esize - immh:immb. */
    private static void fixedPoint(CpuState s, int insn, int key, int esize, int shift, int q, boolean scalar) {
        int fbits = 2 * esize - shift;
        boolean us = (key & 0x20) != 0;
        boolean toInt = (key & 0x1F) == 0x1F;
        int count = scalar ? 1 : Lanes.count(q, esize);
        long[] a = Lanes.read(s, rn(insn), esize, count, 0);
        for (int i = 0; i < count; i++) {
            a[i] = toInt ? FpConvert.toFixed(esize, a[i], fbits, us, esize, Fp.RZ, s)
                    : FpConvert.fromFixed(esize, a[i], fbits, us, esize, Fp.rounding(s.fpcr), s);
        }
        if (scalar) {
            VRegs.setScalar(s, rd(insn), esize, a[0]);
        } else {
            Lanes.write(s, rd(insn), esize, a, count, q == 1);
        }
    }
}
