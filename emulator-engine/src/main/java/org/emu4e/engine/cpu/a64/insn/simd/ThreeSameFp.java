package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.decode.DecodeTable;
import org.emu4e.engine.cpu.a64.decode.Handler;
import org.emu4e.engine.cpu.a64.sem.fp.Fp;
import org.emu4e.engine.cpu.a64.sem.fp.FpArith;
import org.emu4e.engine.cpu.a64.sem.fp.FpCompare;
import org.emu4e.engine.cpu.a64.sem.fp.FpStep;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/**
 * AdvSIMD three same and scalar three same, floating-point encodings (C4.1.69, opcode 11xxx
 * with size&lt;1&gt; as a further opcode bit): one row per encoding, bound to its lane
 * operation ({@link FpOp}). Pattern letters: q = Q, s = sz (0 single, 1 double precision; double
 * with Q = 0 is reserved), m/n/d = registers.
 */
final class ThreeSameFp {
    private ThreeSameFp() { }

    /** The lane operation of each floating-point encoding (the pairwise ones reuse these). */
    enum FpOp {
        FMAXNM, FMLA, FADD, FMULX, FCMEQ, FMAX, FRECPS, FMINNM, FMLS, FSUB, FMIN, FRSQRTS,
        FMUL, FCMGE, FACGE, FDIV, FABD, FCMGT, FACGT;

        /** One lane of width {@code n}: {@code d} is the destination's old lane. */
        long apply(int n, long d, long a, long b, CpuState st) {
            return switch (this) {
                case FMAXNM -> FpCompare.maxNum(n, a, b, st);
                case FMLA -> FpArith.mulAdd(n, d, a, b, st);
                case FADD -> FpArith.add(n, a, b, st);
                case FMULX -> FpArith.mulx(n, a, b, st);
                case FCMEQ -> FpCompare.eq(n, a, b, st) ? -1 : 0;
                case FMAX -> FpCompare.max(n, a, b, st);
                case FRECPS -> FpStep.recipStep(n, a, b, st);
                case FMINNM -> FpCompare.minNum(n, a, b, st);
                case FMLS -> FpArith.mulAdd(n, d, Fp.neg(n, a), b, st);
                case FSUB -> FpArith.sub(n, a, b, st);
                case FMIN -> FpCompare.min(n, a, b, st);
                case FRSQRTS -> FpStep.rsqrtStep(n, a, b, st);
                case FMUL -> FpArith.mul(n, a, b, st);
                case FCMGE -> FpCompare.ge(n, a, b, false, st) ? -1 : 0;
                case FACGE -> FpCompare.ge(n, Fp.abs(n, a), Fp.abs(n, b), false, st) ? -1 : 0;
                case FDIV -> FpArith.div(n, a, b, st);
                case FABD -> Fp.abs(n, FpArith.sub(n, a, b, st));
                case FCMGT -> FpCompare.ge(n, a, b, true, st) ? -1 : 0;
                case FACGT -> FpCompare.ge(n, Fp.abs(n, a), Fp.abs(n, b), true, st) ? -1 : 0;
            };
        }
    }

    /** The rows, in the ARM ARM's order of U, size&lt;1&gt; and opcode. */
    static void rows(DecodeTable t) {
        // Advanced SIMD three same, FP: 0 Q U 01110 a sz 1 Rm 11 opc 1 Rn Rd
        vector(t, "FMAXNM_vector", "0q001110 0s1 mmmmm 11000 1 nnnnn ddddd", FpOp.FMAXNM);
        vector(t, "FMLA_vector", "0q001110 0s1 mmmmm 11001 1 nnnnn ddddd", FpOp.FMLA);
        vector(t, "FADD_vector", "0q001110 0s1 mmmmm 11010 1 nnnnn ddddd", FpOp.FADD);
        vector(t, "FMULX", "0q001110 0s1 mmmmm 11011 1 nnnnn ddddd", FpOp.FMULX);
        vector(t, "FCMEQ_reg", "0q001110 0s1 mmmmm 11100 1 nnnnn ddddd", FpOp.FCMEQ);
        vector(t, "FMAX_vector", "0q001110 0s1 mmmmm 11110 1 nnnnn ddddd", FpOp.FMAX);
        vector(t, "FRECPS", "0q001110 0s1 mmmmm 11111 1 nnnnn ddddd", FpOp.FRECPS);
        vector(t, "FMINNM_vector", "0q001110 1s1 mmmmm 11000 1 nnnnn ddddd", FpOp.FMINNM);
        vector(t, "FMLS_vector", "0q001110 1s1 mmmmm 11001 1 nnnnn ddddd", FpOp.FMLS);
        vector(t, "FSUB_vector", "0q001110 1s1 mmmmm 11010 1 nnnnn ddddd", FpOp.FSUB);
        vector(t, "FMIN_vector", "0q001110 1s1 mmmmm 11110 1 nnnnn ddddd", FpOp.FMIN);
        vector(t, "FRSQRTS", "0q001110 1s1 mmmmm 11111 1 nnnnn ddddd", FpOp.FRSQRTS);
        pairwise(t, "FMAXNMP_vector", "0q101110 0s1 mmmmm 11000 1 nnnnn ddddd", FpOp.FMAXNM);
        pairwise(t, "FADDP_vector", "0q101110 0s1 mmmmm 11010 1 nnnnn ddddd", FpOp.FADD);
        vector(t, "FMUL_vector", "0q101110 0s1 mmmmm 11011 1 nnnnn ddddd", FpOp.FMUL);
        vector(t, "FCMGE_reg", "0q101110 0s1 mmmmm 11100 1 nnnnn ddddd", FpOp.FCMGE);
        vector(t, "FACGE", "0q101110 0s1 mmmmm 11101 1 nnnnn ddddd", FpOp.FACGE);
        pairwise(t, "FMAXP_vector", "0q101110 0s1 mmmmm 11110 1 nnnnn ddddd", FpOp.FMAX);
        vector(t, "FDIV_vector", "0q101110 0s1 mmmmm 11111 1 nnnnn ddddd", FpOp.FDIV);
        pairwise(t, "FMINNMP_vector", "0q101110 1s1 mmmmm 11000 1 nnnnn ddddd", FpOp.FMINNM);
        vector(t, "FABD", "0q101110 1s1 mmmmm 11010 1 nnnnn ddddd", FpOp.FABD);
        vector(t, "FCMGT_reg", "0q101110 1s1 mmmmm 11100 1 nnnnn ddddd", FpOp.FCMGT);
        vector(t, "FACGT", "0q101110 1s1 mmmmm 11101 1 nnnnn ddddd", FpOp.FACGT);
        pairwise(t, "FMINP_vector", "0q101110 1s1 mmmmm 11110 1 nnnnn ddddd", FpOp.FMIN);

        // Advanced SIMD scalar three same, FP: 01 U 11110 a sz 1 Rm 11 opc 1 Rn Rd
        scalar(t, "FMULX_scalar", "01011110 0s1 mmmmm 11011 1 nnnnn ddddd", FpOp.FMULX);
        scalar(t, "FCMEQ_reg_scalar", "01011110 0s1 mmmmm 11100 1 nnnnn ddddd", FpOp.FCMEQ);
        scalar(t, "FRECPS_scalar", "01011110 0s1 mmmmm 11111 1 nnnnn ddddd", FpOp.FRECPS);
        scalar(t, "FRSQRTS_scalar", "01011110 1s1 mmmmm 11111 1 nnnnn ddddd", FpOp.FRSQRTS);
        scalar(t, "FCMGE_reg_scalar", "01111110 0s1 mmmmm 11100 1 nnnnn ddddd", FpOp.FCMGE);
        scalar(t, "FACGE_scalar", "01111110 0s1 mmmmm 11101 1 nnnnn ddddd", FpOp.FACGE);
        scalar(t, "FABD_scalar", "01111110 1s1 mmmmm 11010 1 nnnnn ddddd", FpOp.FABD);
        scalar(t, "FCMGT_reg_scalar", "01111110 1s1 mmmmm 11100 1 nnnnn ddddd", FpOp.FCMGT);
        scalar(t, "FACGT_scalar", "01111110 1s1 mmmmm 11101 1 nnnnn ddddd", FpOp.FACGT);
    }

    private static void vector(DecodeTable t, String name, String pattern, FpOp op) {
        t.add(name, pattern, new Vector(op)).reserved("qs", 0b01);
    }

    private static void pairwise(DecodeTable t, String name, String pattern, FpOp op) {
        t.add(name, pattern, new Pairwise(op)).reserved("qs", 0b01);
    }

    private static void scalar(DecodeTable t, String name, String pattern, FpOp op) {
        t.add(name, pattern, new Scalar(op));
    }

    private static int width(int insn) { return u(insn, 22, 1) == 1 ? 64 : 32; }

    /** Lane by lane: Vd[i] = op(Vd[i], Vn[i], Vm[i]). */
    record Vector(FpOp op) implements Handler {
        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            int q = u(insn, 30, 1);
            int n = width(insn);
            int count = Lanes.count(q, n);
            long[] a = Lanes.read(s, rn(insn), n, count);
            long[] b = Lanes.read(s, rm(insn), n, count);
            long[] d = Lanes.read(s, rd(insn), n, count);
            long[] r = new long[count];
            for (int i = 0; i < count; i++) {
                r[i] = op.apply(n, d[i], a[i], b[i], s);
            }
            Lanes.write(s, rd(insn), n, r, count, q == 1);
        }
    }

    /** Adjacent pairs of Vn:Vm (Vn's pairs in the low half of the result). */
    record Pairwise(FpOp op) implements Handler {
        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            int q = u(insn, 30, 1);
            int n = width(insn);
            int count = Lanes.count(q, n);
            int half = count / 2;
            long[] a = Lanes.read(s, rn(insn), n, count);
            long[] b = Lanes.read(s, rm(insn), n, count);
            long[] r = new long[count];
            for (int i = 0; i < count; i++) {
                long[] src = i < half ? a : b;
                int j = (i % half) * 2;
                r[i] = op.apply(n, 0, src[j], src[j + 1], s);
            }
            Lanes.write(s, rd(insn), n, r, count, q == 1);
        }
    }

    /** Lane 0 only, the rest of Vd cleared. */
    record Scalar(FpOp op) implements Handler {
        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            int n = width(insn);
            long a = VRegs.get(s, rn(insn), 0, n);
            long b = VRegs.get(s, rm(insn), 0, n);
            VRegs.setScalar(s, rd(insn), n, op.apply(n, 0, a, b, s));
        }
    }
}
