package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;
import static org.emu4e.engine.cpu.a64.insn.simd.TwoRegMiscFp.Encoding.*;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.decode.DecodeTable;
import org.emu4e.engine.cpu.a64.decode.Handler;
import org.emu4e.engine.cpu.a64.sem.fp.Fp;
import org.emu4e.engine.cpu.a64.sem.fp.FpArith;
import org.emu4e.engine.cpu.a64.sem.fp.FpCompare;
import org.emu4e.engine.cpu.a64.sem.fp.FpConvert;
import org.emu4e.engine.cpu.a64.sem.fp.FpEstimate;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/**
 * AdvSIMD two-register miscellaneous and its scalar form, floating-point encodings (C4.1.69,
 * size&lt;1&gt; as a further opcode bit): one row per encoding, named after its
 * {@link Encoding} constant, which is also its handler. Pattern letters: q = Q, s = sz (double
 * precision with Q = 0 is reserved for the lane-wise forms), n/d = registers.
 */
final class TwoRegMiscFp {
    private TwoRegMiscFp() { }

    private static final int VECTOR = 0;
    private static final int SCALAR = 1;
    private static final int NARROW = 2;
    private static final int WIDEN = 3;
    private static final int NARROW_SCALAR = 4;

    /** Every floating-point two-register miscellaneous encoding, with its shape. */
    enum Encoding implements Handler {
        FCVTN(NARROW),
        FCVTL(WIDEN),
        FRINTN_vector(VECTOR),
        FRINTM_vector(VECTOR),
        FCVTNS_vector(VECTOR),
        FCVTMS_vector(VECTOR),
        FCVTAS_vector(VECTOR),
        SCVTF_vector_int(VECTOR),
        FCMGT_zero(VECTOR),
        FCMEQ_zero(VECTOR),
        FCMLT_zero(VECTOR),
        FABS_vector(VECTOR),
        FRINTP_vector(VECTOR),
        FRINTZ_vector(VECTOR),
        FCVTPS_vector(VECTOR),
        FCVTZS_vector_int(VECTOR),
        URECPE(VECTOR),
        FRECPE_vector(VECTOR),
        FCVTXN(NARROW),
        FRINTA_vector(VECTOR),
        FRINTX_vector(VECTOR),
        FCVTNU_vector(VECTOR),
        FCVTMU_vector(VECTOR),
        FCVTAU_vector(VECTOR),
        UCVTF_vector_int(VECTOR),
        FCMGE_zero(VECTOR),
        FCMLE_zero(VECTOR),
        FNEG_vector(VECTOR),
        FRINTI_vector(VECTOR),
        FCVTPU_vector(VECTOR),
        FCVTZU_vector_int(VECTOR),
        URSQRTE(VECTOR),
        FRSQRTE_vector(VECTOR),
        FSQRT_vector(VECTOR),
        FCVTNS_scalar(SCALAR),
        FCVTMS_scalar(SCALAR),
        FCVTAS_scalar(SCALAR),
        SCVTF_scalar_int(SCALAR),
        FCMGT_zero_scalar(SCALAR),
        FCMEQ_zero_scalar(SCALAR),
        FCMLT_zero_scalar(SCALAR),
        FCVTPS_scalar(SCALAR),
        FCVTZS_scalar_int(SCALAR),
        FRECPE_scalar(SCALAR),
        FRECPX(SCALAR),
        FCVTXN_scalar(NARROW_SCALAR),
        FCVTNU_scalar(SCALAR),
        FCVTMU_scalar(SCALAR),
        FCVTAU_scalar(SCALAR),
        UCVTF_scalar_int(SCALAR),
        FCMGE_zero_scalar(SCALAR),
        FCMLE_zero_scalar(SCALAR),
        FCVTPU_scalar(SCALAR),
        FCVTZU_scalar_int(SCALAR),
        FRSQRTE_scalar(SCALAR);

        private final int shape;

        Encoding(int shape) {
            this.shape = shape;
        }

        /** One lane of width {@code n}. */
        long apply(int n, long a, CpuState st) {
            return switch (this) {
                case FRINTN_vector -> FpConvert.roundInt(n, a, Fp.RN, false, st);
                case FRINTM_vector -> FpConvert.roundInt(n, a, Fp.RM, false, st);
                case FCVTNS_vector, FCVTNS_scalar -> FpConvert.toFixed(n, a, 0, false, n, Fp.RN, st);
                case FCVTMS_vector, FCVTMS_scalar -> FpConvert.toFixed(n, a, 0, false, n, Fp.RM, st);
                case FCVTAS_vector, FCVTAS_scalar -> FpConvert.toFixed(n, a, 0, false, n, Fp.RA, st);
                case SCVTF_vector_int, SCVTF_scalar_int -> FpConvert.fromFixed(n, a, 0, false, n, Fp.rounding(st.fpcr), st);
                case FCMGT_zero, FCMGT_zero_scalar -> FpCompare.ge(n, a, 0, true, st) ? -1 : 0;
                case FCMEQ_zero, FCMEQ_zero_scalar -> FpCompare.eq(n, a, 0, st) ? -1 : 0;
                case FCMLT_zero, FCMLT_zero_scalar -> FpCompare.ge(n, 0, a, true, st) ? -1 : 0;
                case FABS_vector -> Fp.abs(n, a);
                case FRINTP_vector -> FpConvert.roundInt(n, a, Fp.RP, false, st);
                case FRINTZ_vector -> FpConvert.roundInt(n, a, Fp.RZ, false, st);
                case FCVTPS_vector, FCVTPS_scalar -> FpConvert.toFixed(n, a, 0, false, n, Fp.RP, st);
                case FCVTZS_vector_int, FCVTZS_scalar_int -> FpConvert.toFixed(n, a, 0, false, n, Fp.RZ, st);
                case URECPE -> FpEstimate.unsignedRecipEstimate(a);
                case FRECPE_vector, FRECPE_scalar -> FpEstimate.recipEstimate(n, a, st);
                case FRINTA_vector -> FpConvert.roundInt(n, a, Fp.RA, false, st);
                case FRINTX_vector -> FpConvert.roundInt(n, a, Fp.rounding(st.fpcr), true, st);
                case FCVTNU_vector, FCVTNU_scalar -> FpConvert.toFixed(n, a, 0, true, n, Fp.RN, st);
                case FCVTMU_vector, FCVTMU_scalar -> FpConvert.toFixed(n, a, 0, true, n, Fp.RM, st);
                case FCVTAU_vector, FCVTAU_scalar -> FpConvert.toFixed(n, a, 0, true, n, Fp.RA, st);
                case UCVTF_vector_int, UCVTF_scalar_int -> FpConvert.fromFixed(n, a, 0, true, n, Fp.rounding(st.fpcr), st);
                case FCMGE_zero, FCMGE_zero_scalar -> FpCompare.ge(n, a, 0, false, st) ? -1 : 0;
                case FCMLE_zero, FCMLE_zero_scalar -> FpCompare.ge(n, 0, a, false, st) ? -1 : 0;
                case FNEG_vector -> Fp.neg(n, a);
                case FRINTI_vector -> FpConvert.roundInt(n, a, Fp.rounding(st.fpcr), false, st);
                case FCVTPU_vector, FCVTPU_scalar -> FpConvert.toFixed(n, a, 0, true, n, Fp.RP, st);
                case FCVTZU_vector_int, FCVTZU_scalar_int -> FpConvert.toFixed(n, a, 0, true, n, Fp.RZ, st);
                case URSQRTE -> FpEstimate.unsignedRSqrtEstimate(a);
                case FRSQRTE_vector, FRSQRTE_scalar -> FpEstimate.rsqrtEstimate(n, a, st);
                case FSQRT_vector -> FpArith.sqrt(n, a, st);
                case FRECPX -> FpEstimate.recpx(n, a, st);
                default -> throw new IllegalStateException(name());
            };
        }

        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            switch (shape) {
                case VECTOR -> vector(s, insn, this);
                case SCALAR -> {
                    int n = width(insn);
                    VRegs.setScalar(s, rd(insn), n, apply(n, VRegs.get(s, rn(insn), 0, n), s));
                }
                case NARROW -> narrow(s, insn, this == FCVTXN ? Fp.RO : Fp.rounding(s.fpcr));
                case WIDEN -> widen(s, insn);
                // the scalar FCVTXN: double to single, rounding to odd
                default -> VRegs.setScalar(s, rd(insn), 32, FpConvert.convert(64, 32, s.vlo[rn(insn)], Fp.RO, s));
            }
        }
    }

    static void rows(DecodeTable t) {
        // Advanced SIMD two-register miscellaneous, FP: 0 Q U 01110 a sz 10000 opcode 10 Rn Rd
        row(t, FCVTN, "0q001110 0s 10000 10110 10 nnnnn ddddd");
        row(t, FCVTL, "0q001110 0s 10000 10111 10 nnnnn ddddd");
        row(t, FRINTN_vector, "0q001110 0s 10000 11000 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, FRINTM_vector, "0q001110 0s 10000 11001 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, FCVTNS_vector, "0q001110 0s 10000 11010 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, FCVTMS_vector, "0q001110 0s 10000 11011 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, FCVTAS_vector, "0q001110 0s 10000 11100 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, SCVTF_vector_int, "0q001110 0s 10000 11101 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, FCMGT_zero, "0q001110 1s 10000 01100 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, FCMEQ_zero, "0q001110 1s 10000 01101 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, FCMLT_zero, "0q001110 1s 10000 01110 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, FABS_vector, "0q001110 1s 10000 01111 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, FRINTP_vector, "0q001110 1s 10000 11000 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, FRINTZ_vector, "0q001110 1s 10000 11001 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, FCVTPS_vector, "0q001110 1s 10000 11010 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, FCVTZS_vector_int, "0q001110 1s 10000 11011 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, URECPE, "0q001110 10 10000 11100 10 nnnnn ddddd");
        row(t, FRECPE_vector, "0q001110 1s 10000 11101 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, FCVTXN, "0q101110 01 10000 10110 10 nnnnn ddddd");
        row(t, FRINTA_vector, "0q101110 0s 10000 11000 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, FRINTX_vector, "0q101110 0s 10000 11001 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, FCVTNU_vector, "0q101110 0s 10000 11010 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, FCVTMU_vector, "0q101110 0s 10000 11011 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, FCVTAU_vector, "0q101110 0s 10000 11100 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, UCVTF_vector_int, "0q101110 0s 10000 11101 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, FCMGE_zero, "0q101110 1s 10000 01100 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, FCMLE_zero, "0q101110 1s 10000 01101 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, FNEG_vector, "0q101110 1s 10000 01111 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, FRINTI_vector, "0q101110 1s 10000 11001 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, FCVTPU_vector, "0q101110 1s 10000 11010 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, FCVTZU_vector_int, "0q101110 1s 10000 11011 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, URSQRTE, "0q101110 10 10000 11100 10 nnnnn ddddd");
        row(t, FRSQRTE_vector, "0q101110 1s 10000 11101 10 nnnnn ddddd").reserved("qs", 0b01);
        row(t, FSQRT_vector, "0q101110 1s 10000 11111 10 nnnnn ddddd").reserved("qs", 0b01);

        // Advanced SIMD scalar two-register miscellaneous, FP: 01 U 11110 a sz 10000 opcode 10 Rn Rd
        row(t, FCVTNS_scalar, "01011110 0s 10000 11010 10 nnnnn ddddd");
        row(t, FCVTMS_scalar, "01011110 0s 10000 11011 10 nnnnn ddddd");
        row(t, FCVTAS_scalar, "01011110 0s 10000 11100 10 nnnnn ddddd");
        row(t, SCVTF_scalar_int, "01011110 0s 10000 11101 10 nnnnn ddddd");
        row(t, FCMGT_zero_scalar, "01011110 1s 10000 01100 10 nnnnn ddddd");
        row(t, FCMEQ_zero_scalar, "01011110 1s 10000 01101 10 nnnnn ddddd");
        row(t, FCMLT_zero_scalar, "01011110 1s 10000 01110 10 nnnnn ddddd");
        row(t, FCVTPS_scalar, "01011110 1s 10000 11010 10 nnnnn ddddd");
        row(t, FCVTZS_scalar_int, "01011110 1s 10000 11011 10 nnnnn ddddd");
        row(t, FRECPE_scalar, "01011110 1s 10000 11101 10 nnnnn ddddd");
        row(t, FRECPX, "01011110 1s 10000 11111 10 nnnnn ddddd");
        row(t, FCVTXN_scalar, "01111110 01 10000 10110 10 nnnnn ddddd");
        row(t, FCVTNU_scalar, "01111110 0s 10000 11010 10 nnnnn ddddd");
        row(t, FCVTMU_scalar, "01111110 0s 10000 11011 10 nnnnn ddddd");
        row(t, FCVTAU_scalar, "01111110 0s 10000 11100 10 nnnnn ddddd");
        row(t, UCVTF_scalar_int, "01111110 0s 10000 11101 10 nnnnn ddddd");
        row(t, FCMGE_zero_scalar, "01111110 1s 10000 01100 10 nnnnn ddddd");
        row(t, FCMLE_zero_scalar, "01111110 1s 10000 01101 10 nnnnn ddddd");
        row(t, FCVTPU_scalar, "01111110 1s 10000 11010 10 nnnnn ddddd");
        row(t, FCVTZU_scalar_int, "01111110 1s 10000 11011 10 nnnnn ddddd");
        row(t, FRSQRTE_scalar, "01111110 1s 10000 11101 10 nnnnn ddddd");
    }

    private static DecodeTable row(DecodeTable t, Encoding e, String pattern) {
        return t.add(e.name(), pattern, e);
    }

    private static int width(int insn) { return u(insn, 22, 1) == 1 ? 64 : 32; }

    /** Vd[i] = op(Vn[i]). */
    private static void vector(CpuState s, int insn, Encoding op) {
        int q = u(insn, 30, 1);
        int n = width(insn);
        int count = Lanes.count(q, n);
        long[] a = Lanes.read(s, rn(insn), n, count, 3);
        for (int i = 0; i < count; i++) {
            a[i] = op.apply(n, a[i], s);
        }
        Lanes.write(s, rd(insn), n, a, count, q == 1);
    }

    /** FCVTN (FPCR rounding) and FCVTXN (round to odd): 2*to-bit lanes to the lower or upper half. */
    private static void narrow(CpuState s, int insn, int rounding) {
        int to = u(insn, 22, 1) == 1 ? 32 : 16;
        int count = 64 / to;
        long[] a = Lanes.read(s, rn(insn), 2 * to, count, 0);
        long[] r = Lanes.scratch(s, 1);
        for (int i = 0; i < count; i++) {
            r[i] = FpConvert.convert(2 * to, to, a[i], rounding, s);
        }
        TwoRegMisc.writePart(s, rd(insn), to, r, u(insn, 30, 1));
    }

    /** FCVTL: the lower (upper, FCVTL2) half's lanes widened. */
    private static void widen(CpuState s, int insn) {
        int from = u(insn, 22, 1) == 1 ? 32 : 16;
        long part = u(insn, 30, 1) == 1 ? s.vhi[rn(insn)] : s.vlo[rn(insn)];
        int count = 64 / from;
        long[] r = Lanes.scratch(s, 2);
        for (int i = 0; i < count; i++) {
            r[i] = FpConvert.convert(from, 2 * from, (part >>> (i * from)) & VRegs.mask(from),
                    Fp.rounding(s.fpcr), s);
        }
        Lanes.write(s, rd(insn), 2 * from, r, count, true);
    }
}
