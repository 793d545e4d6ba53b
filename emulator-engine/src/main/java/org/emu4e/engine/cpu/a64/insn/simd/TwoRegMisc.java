package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;
import static org.emu4e.engine.cpu.a64.insn.simd.TwoRegMisc.Encoding.*;

import java.math.BigInteger;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.decode.DecodeTable;
import org.emu4e.engine.cpu.a64.decode.Handler;
import org.emu4e.engine.cpu.a64.sem.vec.IntLane;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/**
 * AdvSIMD two-register miscellaneous and its scalar form, integer encodings (C4.1.69): one
 * row per encoding, named after its {@link Encoding} constant, which is also its handler;
 * reserved sizes have no row. Pattern letters: q = Q, z = size, n/d = registers. The
 * floating-point encodings are in {@link TwoRegMiscFp}.
 */
final class TwoRegMisc {
    private TwoRegMisc() { }

    // how an encoding applies its operation
    private static final int LANES = 0;
    private static final int BYTES = 1;
    private static final int SCALAR = 2;
    private static final int REV = 3;
    private static final int ADD_PAIRS = 4;
    private static final int NARROW = 5;
    private static final int NARROW_SCALAR = 6;
    private static final int SHIFT_LEFT_LONG = 7;

    /** Every integer two-register miscellaneous encoding, with its shape. */
    enum Encoding implements Handler {
        REV64(REV),
        REV16_vector(REV),
        SADDLP(ADD_PAIRS),
        SUQADD(LANES),
        CLS_vector(LANES),
        CNT(BYTES),
        SADALP(ADD_PAIRS),
        SQABS(LANES),
        CMGT_zero(LANES),
        CMEQ_zero(LANES),
        CMLT_zero(LANES),
        ABS(LANES),
        XTN(NARROW),
        SQXTN(NARROW),
        REV32_vector(REV),
        UADDLP(ADD_PAIRS),
        USQADD(LANES),
        CLZ_vector(LANES),
        NOT(BYTES),
        RBIT_vector(BYTES),
        UADALP(ADD_PAIRS),
        SQNEG(LANES),
        CMGE_zero(LANES),
        CMLE_zero(LANES),
        NEG_vector(LANES),
        SQXTUN(NARROW),
        SHLL(SHIFT_LEFT_LONG),
        UQXTN(NARROW),
        SUQADD_scalar(SCALAR),
        SQABS_scalar(SCALAR),
        CMGT_zero_scalar(SCALAR),
        CMEQ_zero_scalar(SCALAR),
        CMLT_zero_scalar(SCALAR),
        ABS_scalar(SCALAR),
        SQXTN_scalar(NARROW_SCALAR),
        USQADD_scalar(SCALAR),
        SQNEG_scalar(SCALAR),
        CMGE_zero_scalar(SCALAR),
        CMLE_zero_scalar(SCALAR),
        NEG_vector_scalar(SCALAR),
        SQXTUN_scalar(NARROW_SCALAR),
        UQXTN_scalar(NARROW_SCALAR);

        private final int shape;

        Encoding(int shape) {
            this.shape = shape;
        }

        /** One lane: {@code d} is the destination's old lane (the accumulating ones). */
        long apply(int e, long d, long a, CpuState st) {
            return switch (this) {
                case SUQADD, SUQADD_scalar -> suqadd(e, d, a, st);
                case CLS_vector -> IntLane.cls(e, a);
                case CNT -> Long.bitCount(a);
                case SQABS, SQABS_scalar -> sqabs(e, a, st);
                case CMGT_zero, CMGT_zero_scalar -> IntLane.sx(a, e) > 0 ? -1 : 0;
                case CMEQ_zero, CMEQ_zero_scalar -> IntLane.zx(a, e) == 0 ? -1 : 0;
                case CMLT_zero, CMLT_zero_scalar -> IntLane.sx(a, e) < 0 ? -1 : 0;
                case ABS, ABS_scalar -> Math.abs(IntLane.sx(a, e));
                case USQADD, USQADD_scalar -> usqadd(e, d, a, st);
                case CLZ_vector -> IntLane.clz(e, a);
                case NOT -> ~a;
                case RBIT_vector -> IntLane.rbit(8, a);
                case SQNEG, SQNEG_scalar -> IntLane.qsub(e, 0, a, false, st);
                case CMGE_zero, CMGE_zero_scalar -> IntLane.sx(a, e) >= 0 ? -1 : 0;
                case CMLE_zero, CMLE_zero_scalar -> IntLane.sx(a, e) <= 0 ? -1 : 0;
                case NEG_vector, NEG_vector_scalar -> -a;
                default -> throw new IllegalStateException(name());
            };
        }

        /** A narrowing encoding: a 2*esize lane to esize. */
        long narrow(int esize, long v, CpuState s) {
            return switch (this) {
                case XTN -> v;
                case SQXTN, SQXTN_scalar -> IntLane.satS(IntLane.sx(v, 2 * esize), esize, s);
                case SQXTUN, SQXTUN_scalar -> IntLane.satU(IntLane.sx(v, 2 * esize), esize, s);
                case UQXTN, UQXTN_scalar -> satUU(v, esize, s);
                default -> throw new IllegalStateException(name());
            };
        }

        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            switch (shape) {
                case LANES -> lanes(s, insn, this, esize(insn));
                case BYTES -> lanes(s, insn, this, 8);
                case SCALAR -> scalar(s, insn, this);
                case REV -> rev(s, insn, this == REV64 ? 64 : this == REV32_vector ? 32 : 16);
                case ADD_PAIRS -> addPairs(s, insn, this == UADDLP || this == UADALP, this == SADALP || this == UADALP);
                case NARROW -> narrowLanes(s, insn, this);
                case NARROW_SCALAR -> narrowScalar(s, insn, this);
                default -> shll(s, insn);
            }
        }
    }

    static void rows(DecodeTable t) {
        // Advanced SIMD two-register miscellaneous: 0 Q U 01110 size 10000 opcode 10 Rn Rd;
        // size 11 with Q = 0 is reserved everywhere.
        row(t, REV64, "0q001110 zz 10000 00000 10 nnnnn ddddd").reserved("z", 0b11);
        row(t, REV16_vector, "0q001110 00 10000 00001 10 nnnnn ddddd");
        row(t, SADDLP, "0q001110 zz 10000 00010 10 nnnnn ddddd").reserved("z", 0b11);
        row(t, SUQADD, "0q001110 zz 10000 00011 10 nnnnn ddddd").reserved("qz", 0b011);
        row(t, CLS_vector, "0q001110 zz 10000 00100 10 nnnnn ddddd").reserved("z", 0b11);
        row(t, CNT, "0q001110 00 10000 00101 10 nnnnn ddddd");
        row(t, SADALP, "0q001110 zz 10000 00110 10 nnnnn ddddd").reserved("z", 0b11);
        row(t, SQABS, "0q001110 zz 10000 00111 10 nnnnn ddddd").reserved("qz", 0b011);
        row(t, CMGT_zero, "0q001110 zz 10000 01000 10 nnnnn ddddd").reserved("qz", 0b011);
        row(t, CMEQ_zero, "0q001110 zz 10000 01001 10 nnnnn ddddd").reserved("qz", 0b011);
        row(t, CMLT_zero, "0q001110 zz 10000 01010 10 nnnnn ddddd").reserved("qz", 0b011);
        row(t, ABS, "0q001110 zz 10000 01011 10 nnnnn ddddd").reserved("qz", 0b011);
        row(t, XTN, "0q001110 zz 10000 10010 10 nnnnn ddddd").reserved("z", 0b11);
        row(t, SQXTN, "0q001110 zz 10000 10100 10 nnnnn ddddd").reserved("z", 0b11);
        row(t, REV32_vector, "0q101110 zz 10000 00000 10 nnnnn ddddd").reserved("z", 0b10).reserved("z", 0b11);
        row(t, UADDLP, "0q101110 zz 10000 00010 10 nnnnn ddddd").reserved("z", 0b11);
        row(t, USQADD, "0q101110 zz 10000 00011 10 nnnnn ddddd").reserved("qz", 0b011);
        row(t, CLZ_vector, "0q101110 zz 10000 00100 10 nnnnn ddddd").reserved("z", 0b11);
        row(t, NOT, "0q101110 00 10000 00101 10 nnnnn ddddd");
        row(t, RBIT_vector, "0q101110 01 10000 00101 10 nnnnn ddddd");
        row(t, UADALP, "0q101110 zz 10000 00110 10 nnnnn ddddd").reserved("z", 0b11);
        row(t, SQNEG, "0q101110 zz 10000 00111 10 nnnnn ddddd").reserved("qz", 0b011);
        row(t, CMGE_zero, "0q101110 zz 10000 01000 10 nnnnn ddddd").reserved("qz", 0b011);
        row(t, CMLE_zero, "0q101110 zz 10000 01001 10 nnnnn ddddd").reserved("qz", 0b011);
        row(t, NEG_vector, "0q101110 zz 10000 01011 10 nnnnn ddddd").reserved("qz", 0b011);
        row(t, SQXTUN, "0q101110 zz 10000 10010 10 nnnnn ddddd").reserved("z", 0b11);
        row(t, SHLL, "0q101110 zz 10000 10011 10 nnnnn ddddd").reserved("z", 0b11);
        row(t, UQXTN, "0q101110 zz 10000 10100 10 nnnnn ddddd").reserved("z", 0b11);

        // Advanced SIMD scalar two-register miscellaneous: 01 U 11110 size 10000 opcode 10 Rn Rd;
        // the comparisons, ABS and NEG take only size 11, the narrowing ops not size 11.
        row(t, SUQADD_scalar, "01011110 zz 10000 00011 10 nnnnn ddddd");
        row(t, SQABS_scalar, "01011110 zz 10000 00111 10 nnnnn ddddd");
        row(t, CMGT_zero_scalar, "01011110 11 10000 01000 10 nnnnn ddddd");
        row(t, CMEQ_zero_scalar, "01011110 11 10000 01001 10 nnnnn ddddd");
        row(t, CMLT_zero_scalar, "01011110 11 10000 01010 10 nnnnn ddddd");
        row(t, ABS_scalar, "01011110 11 10000 01011 10 nnnnn ddddd");
        row(t, SQXTN_scalar, "01011110 zz 10000 10100 10 nnnnn ddddd").reserved("z", 0b11);
        row(t, USQADD_scalar, "01111110 zz 10000 00011 10 nnnnn ddddd");
        row(t, SQNEG_scalar, "01111110 zz 10000 00111 10 nnnnn ddddd");
        row(t, CMGE_zero_scalar, "01111110 11 10000 01000 10 nnnnn ddddd");
        row(t, CMLE_zero_scalar, "01111110 11 10000 01001 10 nnnnn ddddd");
        row(t, NEG_vector_scalar, "01111110 11 10000 01011 10 nnnnn ddddd");
        row(t, SQXTUN_scalar, "01111110 zz 10000 10010 10 nnnnn ddddd").reserved("z", 0b11);
        row(t, UQXTN_scalar, "01111110 zz 10000 10100 10 nnnnn ddddd").reserved("z", 0b11);
    }

    private static DecodeTable row(DecodeTable t, Encoding e, String pattern) {
        return t.add(e.name(), pattern, e);
    }

    private static int esize(int insn) { return 8 << u(insn, 22, 2); }

    /** Vd[i] = op(Vd[i], Vn[i]); CNT, NOT and RBIT work on bytes (their size field is opcode). */
    private static void lanes(CpuState s, int insn, Encoding op, int esize) {
        int q = u(insn, 30, 1);
        int count = Lanes.count(q, esize);
        long[] a = Lanes.read(s, rn(insn), esize, count, 0);
        long[] d = Lanes.read(s, rd(insn), esize, count, 1);
        for (int i = 0; i < count; i++) {
            a[i] = op.apply(esize, d[i], a[i], s);
        }
        Lanes.write(s, rd(insn), esize, a, count, q == 1);
    }

    /** Lane 0 only, the rest of Vd cleared. */
    private static void scalar(CpuState s, int insn, Encoding op) {
        int esize = esize(insn);
        long a = VRegs.get(s, rn(insn), 0, esize);
        long d = VRegs.get(s, rd(insn), 0, esize);
        VRegs.setScalar(s, rd(insn), esize, op.apply(esize, d, a, s));
    }

    /** REV16/REV32/REV64: the elements of each container in reverse order. */
    private static void rev(CpuState s, int insn, int container) {
        int q = u(insn, 30, 1);
        int esize = esize(insn);
        int count = Lanes.count(q, esize);
        int c = container / esize;
        long[] a = Lanes.read(s, rn(insn), esize, count, 0);
        long[] r = Lanes.scratch(s, 1);
        for (int i = 0; i < count; i++) {
            r[i] = a[(i / c) * c + (c - 1 - i % c)];
        }
        Lanes.write(s, rd(insn), esize, r, count, q == 1);
    }

    /** SADDLP/UADDLP (and the accumulating SADALP/UADALP): adjacent pairs summed to 2*esize. */
    private static void addPairs(CpuState s, int insn, boolean unsigned, boolean accumulate) {
        int q = u(insn, 30, 1);
        int esize = esize(insn);
        int count = Lanes.count(q, esize);
        long[] a = Lanes.read(s, rn(insn), esize, count, 0);
        long[] d = Lanes.read(s, rd(insn), 2 * esize, count / 2, 1);
        long[] r = Lanes.scratch(s, 2);
        for (int i = 0; i < count / 2; i++) {
            long x = unsigned ? a[2 * i] + a[2 * i + 1]
                    : IntLane.sx(a[2 * i], esize) + IntLane.sx(a[2 * i + 1], esize);
            r[i] = accumulate ? d[i] + x : x;
        }
        Lanes.write(s, rd(insn), 2 * esize, r, count / 2, q == 1);
    }

    /** XTN, SQXTN, SQXTUN, UQXTN: to the lower half (Q = 0) or the upper half (the "2" forms). */
    private static void narrowLanes(CpuState s, int insn, Encoding op) {
        int esize = esize(insn);
        int count = 64 / esize;
        long[] a = Lanes.read(s, rn(insn), 2 * esize, count, 0);
        long[] r = Lanes.scratch(s, 1);
        for (int i = 0; i < count; i++) {
            r[i] = op.narrow(esize, a[i], s);
        }
        writePart(s, rd(insn), esize, r, u(insn, 30, 1));
    }

    /** The scalar SQXTN, SQXTUN, UQXTN. */
    private static void narrowScalar(CpuState s, int insn, Encoding op) {
        int esize = esize(insn);
        long v = VRegs.get(s, rn(insn), 0, 2 * esize);
        VRegs.setScalar(s, rd(insn), esize, op.narrow(esize, v, s));
    }

    /** SHLL/SHLL2: the lower (upper) half widened and shifted left by esize. */
    private static void shll(CpuState s, int insn) {
        int esize = esize(insn);
        int count = 64 / esize;
        long part = u(insn, 30, 1) == 1 ? s.vhi[rn(insn)] : s.vlo[rn(insn)];
        long[] r = Lanes.scratch(s, 0);
        for (int i = 0; i < count; i++) {
            r[i] = ((part >>> (i * esize)) & VRegs.mask(esize)) << esize;
        }
        Lanes.write(s, rd(insn), 2 * esize, r, count, true);
    }

    static long sqabs(int e, long a, CpuState st) {
        long v = IntLane.sx(a, e);
        if (v == IntLane.minS(e)) {
            st.fpsr |= IntLane.QC;
            return IntLane.maxS(e);
        }
        return Math.abs(v);
    }

    static long suqadd(int e, long d, long a, CpuState st) {
        if (e < 64) {
            return IntLane.satS(IntLane.sx(d, e) + IntLane.zx(a, e), e, st);
        }
        BigInteger r = BigInteger.valueOf(d).add(new BigInteger(Long.toUnsignedString(a)));
        if (r.bitLength() > 63) {
            st.fpsr |= IntLane.QC;
            return Long.MAX_VALUE;
        }
        return r.longValue();
    }

    static long usqadd(int e, long d, long a, CpuState st) {
        if (e < 64) {
            return IntLane.satU(IntLane.zx(d, e) + IntLane.sx(a, e), e, st);
        }
        BigInteger r = new BigInteger(Long.toUnsignedString(d)).add(BigInteger.valueOf(a));
        if (r.signum() < 0) {
            st.fpsr |= IntLane.QC;
            return 0;
        }
        if (r.bitLength() > 64) {
            st.fpsr |= IntLane.QC;
            return -1L;
        }
        return r.longValue();
    }

    /** Unsigned saturation of an unsigned 2*esize value to esize. */
    static long satUU(long v, int esize, CpuState s) {
        if (Long.compareUnsigned(v, IntLane.maxU(esize)) > 0) {
            s.fpsr |= IntLane.QC;
            return IntLane.maxU(esize);
        }
        return v;
    }

    /**
     * Writes a 64-bit result (64 / esize lanes of r) to the lower half (upper cleared) or, for
     * the "2" forms, the upper half.
     */
    static void writePart(CpuState s, int reg, int esize, long[] r, int q) {
        long v = 0;
        for (int i = 0; i < 64 / esize; i++) {
            v |= (r[i] & VRegs.mask(esize)) << (i * esize);
        }
        if (q == 1) {
            s.vhi[reg] = v;
        } else {
            s.vlo[reg] = v;
            s.vhi[reg] = 0;
        }
    }
}

