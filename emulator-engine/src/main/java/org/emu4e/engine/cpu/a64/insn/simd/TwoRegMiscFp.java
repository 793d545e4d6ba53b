package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

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
 * size&lt;1&gt; as a further opcode bit): one row per encoding, bound to its operation
 * ({@link FpUnOp}). Pattern letters: q = Q, s = sz (double precision with Q = 0 is reserved
 * for the lane-wise forms), n/d = registers.
 */
final class TwoRegMiscFp {
    private TwoRegMiscFp() { }

    /** One lane of width {@code n}. */
    enum FpUnOp {
        FRINTN, FRINTM, FRINTP, FRINTZ, FRINTA, FRINTX, FRINTI,
        FCVTNS, FCVTMS, FCVTAS, FCVTPS, FCVTZS, FCVTNU, FCVTMU, FCVTAU, FCVTPU, FCVTZU, SCVTF, UCVTF,
        FCMGT0, FCMEQ0, FCMLT0, FCMGE0, FCMLE0, FABS, FNEG, URECPE, FRECPE, FRECPX, URSQRTE, FRSQRTE, FSQRT;

        long apply(int n, long a, CpuState st) {
            return switch (this) {
                case FRINTN -> FpConvert.roundInt(n, a, Fp.RN, false, st);
                case FRINTM -> FpConvert.roundInt(n, a, Fp.RM, false, st);
                case FRINTP -> FpConvert.roundInt(n, a, Fp.RP, false, st);
                case FRINTZ -> FpConvert.roundInt(n, a, Fp.RZ, false, st);
                case FRINTA -> FpConvert.roundInt(n, a, Fp.RA, false, st);
                case FRINTX -> FpConvert.roundInt(n, a, Fp.rounding(st.fpcr), true, st);
                case FRINTI -> FpConvert.roundInt(n, a, Fp.rounding(st.fpcr), false, st);
                case FCVTNS -> FpConvert.toFixed(n, a, 0, false, n, Fp.RN, st);
                case FCVTMS -> FpConvert.toFixed(n, a, 0, false, n, Fp.RM, st);
                case FCVTAS -> FpConvert.toFixed(n, a, 0, false, n, Fp.RA, st);
                case FCVTPS -> FpConvert.toFixed(n, a, 0, false, n, Fp.RP, st);
                case FCVTZS -> FpConvert.toFixed(n, a, 0, false, n, Fp.RZ, st);
                case FCVTNU -> FpConvert.toFixed(n, a, 0, true, n, Fp.RN, st);
                case FCVTMU -> FpConvert.toFixed(n, a, 0, true, n, Fp.RM, st);
                case FCVTAU -> FpConvert.toFixed(n, a, 0, true, n, Fp.RA, st);
                case FCVTPU -> FpConvert.toFixed(n, a, 0, true, n, Fp.RP, st);
                case FCVTZU -> FpConvert.toFixed(n, a, 0, true, n, Fp.RZ, st);
                case SCVTF -> FpConvert.fromFixed(n, a, 0, false, n, Fp.rounding(st.fpcr), st);
                case UCVTF -> FpConvert.fromFixed(n, a, 0, true, n, Fp.rounding(st.fpcr), st);
                case FCMGT0 -> FpCompare.ge(n, a, 0, true, st) ? -1 : 0;
                case FCMEQ0 -> FpCompare.eq(n, a, 0, st) ? -1 : 0;
                case FCMLT0 -> FpCompare.ge(n, 0, a, true, st) ? -1 : 0;
                case FCMGE0 -> FpCompare.ge(n, a, 0, false, st) ? -1 : 0;
                case FCMLE0 -> FpCompare.ge(n, 0, a, false, st) ? -1 : 0;
                case FABS -> Fp.abs(n, a);
                case FNEG -> Fp.neg(n, a);
                case URECPE -> FpEstimate.unsignedRecipEstimate(a);
                case FRECPE -> FpEstimate.recipEstimate(n, a, st);
                case FRECPX -> FpEstimate.recpx(n, a, st);
                case URSQRTE -> FpEstimate.unsignedRSqrtEstimate(a);
                case FRSQRTE -> FpEstimate.rsqrtEstimate(n, a, st);
                case FSQRT -> FpArith.sqrt(n, a, st);
            };
        }
    }

    static void rows(DecodeTable t) {
        // Advanced SIMD two-register miscellaneous, FP: 0 Q U 01110 a sz 10000 opcode 10 Rn Rd
        t.add("FCVTN", "0q001110 0s 10000 10110 10 nnnnn ddddd", new Narrow(false));
        t.add("FCVTL", "0q001110 0s 10000 10111 10 nnnnn ddddd", new Widen());
        vector(t, "FRINTN_vector", "0q001110 0s 10000 11000 10 nnnnn ddddd", FpUnOp.FRINTN);
        vector(t, "FRINTM_vector", "0q001110 0s 10000 11001 10 nnnnn ddddd", FpUnOp.FRINTM);
        vector(t, "FCVTNS_vector", "0q001110 0s 10000 11010 10 nnnnn ddddd", FpUnOp.FCVTNS);
        vector(t, "FCVTMS_vector", "0q001110 0s 10000 11011 10 nnnnn ddddd", FpUnOp.FCVTMS);
        vector(t, "FCVTAS_vector", "0q001110 0s 10000 11100 10 nnnnn ddddd", FpUnOp.FCVTAS);
        vector(t, "SCVTF_vector_int", "0q001110 0s 10000 11101 10 nnnnn ddddd", FpUnOp.SCVTF);
        vector(t, "FCMGT_zero", "0q001110 1s 10000 01100 10 nnnnn ddddd", FpUnOp.FCMGT0);
        vector(t, "FCMEQ_zero", "0q001110 1s 10000 01101 10 nnnnn ddddd", FpUnOp.FCMEQ0);
        vector(t, "FCMLT_zero", "0q001110 1s 10000 01110 10 nnnnn ddddd", FpUnOp.FCMLT0);
        vector(t, "FABS_vector", "0q001110 1s 10000 01111 10 nnnnn ddddd", FpUnOp.FABS);
        vector(t, "FRINTP_vector", "0q001110 1s 10000 11000 10 nnnnn ddddd", FpUnOp.FRINTP);
        vector(t, "FRINTZ_vector", "0q001110 1s 10000 11001 10 nnnnn ddddd", FpUnOp.FRINTZ);
        vector(t, "FCVTPS_vector", "0q001110 1s 10000 11010 10 nnnnn ddddd", FpUnOp.FCVTPS);
        vector(t, "FCVTZS_vector_int", "0q001110 1s 10000 11011 10 nnnnn ddddd", FpUnOp.FCVTZS);
        t.add("URECPE", "0q001110 10 10000 11100 10 nnnnn ddddd", new Vector(FpUnOp.URECPE));
        vector(t, "FRECPE_vector", "0q001110 1s 10000 11101 10 nnnnn ddddd", FpUnOp.FRECPE);
        t.add("FCVTXN", "0q101110 01 10000 10110 10 nnnnn ddddd", new Narrow(true));
        vector(t, "FRINTA_vector", "0q101110 0s 10000 11000 10 nnnnn ddddd", FpUnOp.FRINTA);
        vector(t, "FRINTX_vector", "0q101110 0s 10000 11001 10 nnnnn ddddd", FpUnOp.FRINTX);
        vector(t, "FCVTNU_vector", "0q101110 0s 10000 11010 10 nnnnn ddddd", FpUnOp.FCVTNU);
        vector(t, "FCVTMU_vector", "0q101110 0s 10000 11011 10 nnnnn ddddd", FpUnOp.FCVTMU);
        vector(t, "FCVTAU_vector", "0q101110 0s 10000 11100 10 nnnnn ddddd", FpUnOp.FCVTAU);
        vector(t, "UCVTF_vector_int", "0q101110 0s 10000 11101 10 nnnnn ddddd", FpUnOp.UCVTF);
        vector(t, "FCMGE_zero", "0q101110 1s 10000 01100 10 nnnnn ddddd", FpUnOp.FCMGE0);
        vector(t, "FCMLE_zero", "0q101110 1s 10000 01101 10 nnnnn ddddd", FpUnOp.FCMLE0);
        vector(t, "FNEG_vector", "0q101110 1s 10000 01111 10 nnnnn ddddd", FpUnOp.FNEG);
        vector(t, "FRINTI_vector", "0q101110 1s 10000 11001 10 nnnnn ddddd", FpUnOp.FRINTI);
        vector(t, "FCVTPU_vector", "0q101110 1s 10000 11010 10 nnnnn ddddd", FpUnOp.FCVTPU);
        vector(t, "FCVTZU_vector_int", "0q101110 1s 10000 11011 10 nnnnn ddddd", FpUnOp.FCVTZU);
        t.add("URSQRTE", "0q101110 10 10000 11100 10 nnnnn ddddd", new Vector(FpUnOp.URSQRTE));
        vector(t, "FRSQRTE_vector", "0q101110 1s 10000 11101 10 nnnnn ddddd", FpUnOp.FRSQRTE);
        vector(t, "FSQRT_vector", "0q101110 1s 10000 11111 10 nnnnn ddddd", FpUnOp.FSQRT);

        // Advanced SIMD scalar two-register miscellaneous, FP: 01 U 11110 a sz 10000 opcode 10 Rn Rd
        scalar(t, "FCVTNS_scalar", "01011110 0s 10000 11010 10 nnnnn ddddd", FpUnOp.FCVTNS);
        scalar(t, "FCVTMS_scalar", "01011110 0s 10000 11011 10 nnnnn ddddd", FpUnOp.FCVTMS);
        scalar(t, "FCVTAS_scalar", "01011110 0s 10000 11100 10 nnnnn ddddd", FpUnOp.FCVTAS);
        scalar(t, "SCVTF_scalar_int", "01011110 0s 10000 11101 10 nnnnn ddddd", FpUnOp.SCVTF);
        scalar(t, "FCMGT_zero_scalar", "01011110 1s 10000 01100 10 nnnnn ddddd", FpUnOp.FCMGT0);
        scalar(t, "FCMEQ_zero_scalar", "01011110 1s 10000 01101 10 nnnnn ddddd", FpUnOp.FCMEQ0);
        scalar(t, "FCMLT_zero_scalar", "01011110 1s 10000 01110 10 nnnnn ddddd", FpUnOp.FCMLT0);
        scalar(t, "FCVTPS_scalar", "01011110 1s 10000 11010 10 nnnnn ddddd", FpUnOp.FCVTPS);
        scalar(t, "FCVTZS_scalar_int", "01011110 1s 10000 11011 10 nnnnn ddddd", FpUnOp.FCVTZS);
        scalar(t, "FRECPE_scalar", "01011110 1s 10000 11101 10 nnnnn ddddd", FpUnOp.FRECPE);
        scalar(t, "FRECPX", "01011110 1s 10000 11111 10 nnnnn ddddd", FpUnOp.FRECPX);
        t.add("FCVTXN_scalar", "01111110 01 10000 10110 10 nnnnn ddddd", new NarrowScalar());
        scalar(t, "FCVTNU_scalar", "01111110 0s 10000 11010 10 nnnnn ddddd", FpUnOp.FCVTNU);
        scalar(t, "FCVTMU_scalar", "01111110 0s 10000 11011 10 nnnnn ddddd", FpUnOp.FCVTMU);
        scalar(t, "FCVTAU_scalar", "01111110 0s 10000 11100 10 nnnnn ddddd", FpUnOp.FCVTAU);
        scalar(t, "UCVTF_scalar_int", "01111110 0s 10000 11101 10 nnnnn ddddd", FpUnOp.UCVTF);
        scalar(t, "FCMGE_zero_scalar", "01111110 1s 10000 01100 10 nnnnn ddddd", FpUnOp.FCMGE0);
        scalar(t, "FCMLE_zero_scalar", "01111110 1s 10000 01101 10 nnnnn ddddd", FpUnOp.FCMLE0);
        scalar(t, "FCVTPU_scalar", "01111110 1s 10000 11010 10 nnnnn ddddd", FpUnOp.FCVTPU);
        scalar(t, "FCVTZU_scalar_int", "01111110 1s 10000 11011 10 nnnnn ddddd", FpUnOp.FCVTZU);
        scalar(t, "FRSQRTE_scalar", "01111110 1s 10000 11101 10 nnnnn ddddd", FpUnOp.FRSQRTE);
    }

    private static void vector(DecodeTable t, String name, String pattern, FpUnOp op) {
        t.add(name, pattern, new Vector(op)).reserved("qs", 0b01);
    }

    private static void scalar(DecodeTable t, String name, String pattern, FpUnOp op) {
        t.add(name, pattern, new Scalar(op));
    }

    private static int width(int insn) { return u(insn, 22, 1) == 1 ? 64 : 32; }

    /** Vd[i] = op(Vn[i]). */
    record Vector(FpUnOp op) implements Handler {
        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            int q = u(insn, 30, 1);
            int n = width(insn);
            int count = Lanes.count(q, n);
            long[] a = Lanes.read(s, rn(insn), n, count);
            for (int i = 0; i < count; i++) {
                a[i] = op.apply(n, a[i], s);
            }
            Lanes.write(s, rd(insn), n, a, count, q == 1);
        }
    }

    /** Lane 0 only, the rest of Vd cleared. */
    record Scalar(FpUnOp op) implements Handler {
        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            int n = width(insn);
            VRegs.setScalar(s, rd(insn), n, op.apply(n, VRegs.get(s, rn(insn), 0, n), s));
        }
    }

    /** FCVTN (FPCR rounding) and FCVTXN (round to odd): 2*to-bit lanes to the lower or upper half. */
    record Narrow(boolean roundOdd) implements Handler {
        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            int to = u(insn, 22, 1) == 1 ? 32 : 16;
            long[] a = Lanes.read(s, rn(insn), 2 * to, 64 / to);
            long[] r = new long[a.length];
            int rounding = roundOdd ? Fp.RO : Fp.rounding(s.fpcr);
            for (int i = 0; i < a.length; i++) {
                r[i] = FpConvert.convert(2 * to, to, a[i], rounding, s);
            }
            TwoRegMisc.writePart(s, rd(insn), to, r, u(insn, 30, 1));
        }
    }

    /** FCVTL: the lower (upper, FCVTL2) half's lanes widened. */
    record Widen() implements Handler {
        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            int from = u(insn, 22, 1) == 1 ? 32 : 16;
            long part = u(insn, 30, 1) == 1 ? s.vhi[rn(insn)] : s.vlo[rn(insn)];
            int count = 64 / from;
            long[] r = new long[count];
            for (int i = 0; i < count; i++) {
                r[i] = FpConvert.convert(from, 2 * from, (part >>> (i * from)) & VRegs.mask(from),
                        Fp.rounding(s.fpcr), s);
            }
            Lanes.write(s, rd(insn), 2 * from, r, count, true);
        }
    }

    /** The scalar FCVTXN: double to single, rounding to odd. */
    record NarrowScalar() implements Handler {
        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            VRegs.setScalar(s, rd(insn), 32, FpConvert.convert(64, 32, s.vlo[rn(insn)], Fp.RO, s));
        }
    }
}
