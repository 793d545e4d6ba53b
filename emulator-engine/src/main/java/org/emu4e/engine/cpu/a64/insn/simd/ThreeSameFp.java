package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;
import static org.emu4e.engine.cpu.a64.insn.simd.ThreeSameFp.Encoding.*;

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
 * with size&lt;1&gt; as a further opcode bit): one row per encoding, named after its
 * {@link Encoding} constant, which is also its handler. Pattern letters: q = Q, s = sz
 * (0 single, 1 double precision; double with Q = 0 is reserved), m/n/d = registers.
 */
final class ThreeSameFp {
    private ThreeSameFp() { }

    private static final int VECTOR = 0;
    private static final int PAIRWISE = 1;
    private static final int SCALAR = 2;

    /** Every floating-point three-same encoding: its shape and, in {@link #apply}, its lane operation. */
    enum Encoding implements Handler, Lanes.ThreeOp {
        FMAXNM_vector(VECTOR),
        FMLA_vector(VECTOR),
        FADD_vector(VECTOR),
        FMULX(VECTOR),
        FCMEQ_reg(VECTOR),
        FMAX_vector(VECTOR),
        FRECPS(VECTOR),
        FMINNM_vector(VECTOR),
        FMLS_vector(VECTOR),
        FSUB_vector(VECTOR),
        FMIN_vector(VECTOR),
        FRSQRTS(VECTOR),
        FMAXNMP_vector(PAIRWISE),
        FADDP_vector(PAIRWISE),
        FMUL_vector(VECTOR),
        FCMGE_reg(VECTOR),
        FACGE(VECTOR),
        FMAXP_vector(PAIRWISE),
        FDIV_vector(VECTOR),
        FMINNMP_vector(PAIRWISE),
        FABD(VECTOR),
        FCMGT_reg(VECTOR),
        FACGT(VECTOR),
        FMINP_vector(PAIRWISE),
        FMULX_scalar(SCALAR),
        FCMEQ_reg_scalar(SCALAR),
        FRECPS_scalar(SCALAR),
        FRSQRTS_scalar(SCALAR),
        FCMGE_reg_scalar(SCALAR),
        FACGE_scalar(SCALAR),
        FABD_scalar(SCALAR),
        FCMGT_reg_scalar(SCALAR),
        FACGT_scalar(SCALAR);

        private final int shape;

        Encoding(int shape) {
            this.shape = shape;
        }

        /** One lane of width {@code n}: {@code d} is the destination's old lane. */
        @Override
        public long apply(int n, long d, long a, long b, CpuState st) {
            return switch (this) {
                case FMAXNM_vector, FMAXNMP_vector -> FpCompare.maxNum(n, a, b, st);
                case FMLA_vector -> FpArith.mulAdd(n, d, a, b, st);
                case FADD_vector, FADDP_vector -> FpArith.add(n, a, b, st);
                case FMULX, FMULX_scalar -> FpArith.mulx(n, a, b, st);
                case FCMEQ_reg, FCMEQ_reg_scalar -> FpCompare.eq(n, a, b, st) ? -1 : 0;
                case FMAX_vector, FMAXP_vector -> FpCompare.max(n, a, b, st);
                case FRECPS, FRECPS_scalar -> FpStep.recipStep(n, a, b, st);
                case FMINNM_vector, FMINNMP_vector -> FpCompare.minNum(n, a, b, st);
                case FMLS_vector -> FpArith.mulAdd(n, d, Fp.neg(n, a), b, st);
                case FSUB_vector -> FpArith.sub(n, a, b, st);
                case FMIN_vector, FMINP_vector -> FpCompare.min(n, a, b, st);
                case FRSQRTS, FRSQRTS_scalar -> FpStep.rsqrtStep(n, a, b, st);
                case FMUL_vector -> FpArith.mul(n, a, b, st);
                case FCMGE_reg, FCMGE_reg_scalar -> FpCompare.ge(n, a, b, false, st) ? -1 : 0;
                case FACGE, FACGE_scalar -> FpCompare.ge(n, Fp.abs(n, a), Fp.abs(n, b), false, st) ? -1 : 0;
                case FDIV_vector -> FpArith.div(n, a, b, st);
                case FABD, FABD_scalar -> Fp.abs(n, FpArith.sub(n, a, b, st));
                case FCMGT_reg, FCMGT_reg_scalar -> FpCompare.ge(n, a, b, true, st) ? -1 : 0;
                case FACGT, FACGT_scalar -> FpCompare.ge(n, Fp.abs(n, a), Fp.abs(n, b), true, st) ? -1 : 0;
            };
        }

        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            switch (shape) {
                case VECTOR -> Lanes.threeSame(cpu.state(), insn, width(insn), this);
                case PAIRWISE -> Lanes.pairwise(cpu.state(), insn, width(insn), this);
                default -> scalar(cpu.state(), insn, this);
            }
        }
    }

    /** The rows, in the ARM ARM's order of U, size&lt;1&gt; and opcode. */
    static void rows(DecodeTable t) {
        // Advanced SIMD three same, FP: 0 Q U 01110 a sz 1 Rm 11 opc 1 Rn Rd
        row(t, FMAXNM_vector, "0q001110 0s1 mmmmm 11000 1 nnnnn ddddd");
        row(t, FMLA_vector, "0q001110 0s1 mmmmm 11001 1 nnnnn ddddd");
        row(t, FADD_vector, "0q001110 0s1 mmmmm 11010 1 nnnnn ddddd");
        row(t, FMULX, "0q001110 0s1 mmmmm 11011 1 nnnnn ddddd");
        row(t, FCMEQ_reg, "0q001110 0s1 mmmmm 11100 1 nnnnn ddddd");
        row(t, FMAX_vector, "0q001110 0s1 mmmmm 11110 1 nnnnn ddddd");
        row(t, FRECPS, "0q001110 0s1 mmmmm 11111 1 nnnnn ddddd");
        row(t, FMINNM_vector, "0q001110 1s1 mmmmm 11000 1 nnnnn ddddd");
        row(t, FMLS_vector, "0q001110 1s1 mmmmm 11001 1 nnnnn ddddd");
        row(t, FSUB_vector, "0q001110 1s1 mmmmm 11010 1 nnnnn ddddd");
        row(t, FMIN_vector, "0q001110 1s1 mmmmm 11110 1 nnnnn ddddd");
        row(t, FRSQRTS, "0q001110 1s1 mmmmm 11111 1 nnnnn ddddd");
        row(t, FMAXNMP_vector, "0q101110 0s1 mmmmm 11000 1 nnnnn ddddd");
        row(t, FADDP_vector, "0q101110 0s1 mmmmm 11010 1 nnnnn ddddd");
        row(t, FMUL_vector, "0q101110 0s1 mmmmm 11011 1 nnnnn ddddd");
        row(t, FCMGE_reg, "0q101110 0s1 mmmmm 11100 1 nnnnn ddddd");
        row(t, FACGE, "0q101110 0s1 mmmmm 11101 1 nnnnn ddddd");
        row(t, FMAXP_vector, "0q101110 0s1 mmmmm 11110 1 nnnnn ddddd");
        row(t, FDIV_vector, "0q101110 0s1 mmmmm 11111 1 nnnnn ddddd");
        row(t, FMINNMP_vector, "0q101110 1s1 mmmmm 11000 1 nnnnn ddddd");
        row(t, FABD, "0q101110 1s1 mmmmm 11010 1 nnnnn ddddd");
        row(t, FCMGT_reg, "0q101110 1s1 mmmmm 11100 1 nnnnn ddddd");
        row(t, FACGT, "0q101110 1s1 mmmmm 11101 1 nnnnn ddddd");
        row(t, FMINP_vector, "0q101110 1s1 mmmmm 11110 1 nnnnn ddddd");

        // Advanced SIMD scalar three same, FP: 01 U 11110 a sz 1 Rm 11 opc 1 Rn Rd
        row(t, FMULX_scalar, "01011110 0s1 mmmmm 11011 1 nnnnn ddddd");
        row(t, FCMEQ_reg_scalar, "01011110 0s1 mmmmm 11100 1 nnnnn ddddd");
        row(t, FRECPS_scalar, "01011110 0s1 mmmmm 11111 1 nnnnn ddddd");
        row(t, FRSQRTS_scalar, "01011110 1s1 mmmmm 11111 1 nnnnn ddddd");
        row(t, FCMGE_reg_scalar, "01111110 0s1 mmmmm 11100 1 nnnnn ddddd");
        row(t, FACGE_scalar, "01111110 0s1 mmmmm 11101 1 nnnnn ddddd");
        row(t, FABD_scalar, "01111110 1s1 mmmmm 11010 1 nnnnn ddddd");
        row(t, FCMGT_reg_scalar, "01111110 1s1 mmmmm 11100 1 nnnnn ddddd");
        row(t, FACGT_scalar, "01111110 1s1 mmmmm 11101 1 nnnnn ddddd");
    }

    private static void row(DecodeTable t, Encoding e, String pattern) {
        t.add(e.name(), pattern, e);
        if (e.shape != SCALAR) {
            t.reserved("qs", 0b01);
        }
    }

    private static int width(int insn) { return u(insn, 22, 1) == 1 ? 64 : 32; }

    /** Lane 0 only, the rest of Vd cleared. */
    private static void scalar(CpuState s, int insn, Encoding op) {
        int n = width(insn);
        long a = VRegs.get(s, rn(insn), 0, n);
        long b = VRegs.get(s, rm(insn), 0, n);
        VRegs.setScalar(s, rd(insn), n, op.apply(n, 0, a, b, s));
    }
}
