package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;
import static org.emu4e.engine.cpu.a64.insn.simd.ThreeSame.Encoding.*;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.decode.DecodeTable;
import org.emu4e.engine.cpu.a64.decode.Handler;
import org.emu4e.engine.cpu.a64.sem.vec.IntLane;
import org.emu4e.engine.cpu.a64.sem.vec.VecLogic;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/**
 * AdvSIMD three same and scalar three same, integer and bitwise encodings (C4.1.69, opcode
 * 0xxxx): one row per encoding, named after its {@link Encoding} constant, which is also its
 * handler (one class for the whole class of encodings, so rows cost no class each at start-up);
 * reserved sizes have no row. The handlers read only the fields the row leaves free (Q, size,
 * Rm, Rn, Rd). Pattern letters: q = Q, z = size, m/n/d = registers.
 */
final class ThreeSame {
    private ThreeSame() { }

    // how an encoding applies its lane operation
    private static final int VECTOR = 0;
    private static final int PAIRWISE = 1;
    private static final int BITWISE = 2;
    private static final int SCALAR = 3;

    /** Every integer three-same encoding: its shape and, in {@link #apply}, its lane operation. */
    enum Encoding implements Handler, Lanes.ThreeOp {
        SHADD(VECTOR),
        SQADD(VECTOR),
        SRHADD(VECTOR),
        AND_vector(BITWISE),
        BIC_vector_reg(BITWISE),
        ORR_vector_reg(BITWISE),
        ORN_vector(BITWISE),
        SHSUB(VECTOR),
        SQSUB(VECTOR),
        CMGT_reg(VECTOR),
        CMGE_reg(VECTOR),
        SSHL(VECTOR),
        SQSHL_reg(VECTOR),
        SRSHL(VECTOR),
        SQRSHL(VECTOR),
        SMAX(VECTOR),
        SMIN(VECTOR),
        SABD(VECTOR),
        SABA(VECTOR),
        ADD_vector(VECTOR),
        CMTST(VECTOR),
        MLA_vector(VECTOR),
        MUL_vector(VECTOR),
        SMAXP(PAIRWISE),
        SMINP(PAIRWISE),
        SQDMULH_vector(VECTOR),
        ADDP_vector(PAIRWISE),
        UHADD(VECTOR),
        UQADD(VECTOR),
        URHADD(VECTOR),
        EOR_vector(BITWISE),
        BSL(BITWISE),
        BIT(BITWISE),
        BIF(BITWISE),
        UHSUB(VECTOR),
        UQSUB(VECTOR),
        CMHI_reg(VECTOR),
        CMHS_reg(VECTOR),
        USHL(VECTOR),
        UQSHL_reg(VECTOR),
        URSHL(VECTOR),
        UQRSHL(VECTOR),
        UMAX(VECTOR),
        UMIN(VECTOR),
        UABD(VECTOR),
        UABA(VECTOR),
        SUB_vector(VECTOR),
        CMEQ_reg(VECTOR),
        MLS_vector(VECTOR),
        PMUL(VECTOR),
        UMAXP(PAIRWISE),
        UMINP(PAIRWISE),
        SQRDMULH_vector(VECTOR),
        SQADD_scalar(SCALAR),
        SQSUB_scalar(SCALAR),
        CMGT_reg_scalar(SCALAR),
        CMGE_reg_scalar(SCALAR),
        SSHL_scalar(SCALAR),
        SQSHL_reg_scalar(SCALAR),
        SRSHL_scalar(SCALAR),
        SQRSHL_scalar(SCALAR),
        ADD_vector_scalar(SCALAR),
        CMTST_scalar(SCALAR),
        SQDMULH_vector_scalar(SCALAR),
        UQADD_scalar(SCALAR),
        UQSUB_scalar(SCALAR),
        CMHI_reg_scalar(SCALAR),
        CMHS_reg_scalar(SCALAR),
        USHL_scalar(SCALAR),
        UQSHL_reg_scalar(SCALAR),
        URSHL_scalar(SCALAR),
        UQRSHL_scalar(SCALAR),
        SUB_vector_scalar(SCALAR),
        CMEQ_reg_scalar(SCALAR),
        SQRDMULH_vector_scalar(SCALAR);

        private final int shape;

        Encoding(int shape) {
            this.shape = shape;
        }

        /** One lane: {@code d} is the destination's old lane, {@code a}/{@code b} Rn's and Rm's. */
        @Override
        public long apply(int e, long d, long a, long b, CpuState st) {
            return switch (this) {
                // the bitwise encodings work on whole halves (bitwise below), not lanes
                case AND_vector, BIC_vector_reg, ORR_vector_reg, ORN_vector, EOR_vector, BSL, BIT, BIF ->
                        throw new IllegalStateException(name() + " is not a lane operation");
                case SHADD -> IntLane.halvingAdd(e, a, b, false, false);
                case SQADD, SQADD_scalar -> IntLane.qadd(e, a, b, false, st);
                case SRHADD -> IntLane.halvingAdd(e, a, b, false, true);
                case SHSUB -> IntLane.halvingSub(e, a, b, false);
                case SQSUB, SQSUB_scalar -> IntLane.qsub(e, a, b, false, st);
                case CMGT_reg, CMGT_reg_scalar -> IntLane.cmp(e, a, b, false) > 0 ? -1 : 0;
                case CMGE_reg, CMGE_reg_scalar -> IntLane.cmp(e, a, b, false) >= 0 ? -1 : 0;
                case SSHL, SSHL_scalar -> IntLane.shiftByReg(e, a, b, false, false, false, st);
                case SQSHL_reg, SQSHL_reg_scalar -> IntLane.shiftByReg(e, a, b, false, false, true, st);
                case SRSHL, SRSHL_scalar -> IntLane.shiftByReg(e, a, b, false, true, false, st);
                case SQRSHL, SQRSHL_scalar -> IntLane.shiftByReg(e, a, b, false, true, true, st);
                case SMAX, SMAXP -> IntLane.max(e, a, b, false);
                case SMIN, SMINP -> IntLane.min(e, a, b, false);
                case SABD -> IntLane.abd(e, a, b, false);
                case SABA -> d + IntLane.abd(e, a, b, false);
                case ADD_vector, ADDP_vector, ADD_vector_scalar -> a + b;
                case CMTST, CMTST_scalar -> (a & b) != 0 ? -1 : 0;
                case MLA_vector -> d + a * b;
                case MUL_vector -> a * b;
                case SQDMULH_vector, SQDMULH_vector_scalar -> IntLane.sqdmulh(e, a, b, false, st);
                case UHADD -> IntLane.halvingAdd(e, a, b, true, false);
                case UQADD, UQADD_scalar -> IntLane.qadd(e, a, b, true, st);
                case URHADD -> IntLane.halvingAdd(e, a, b, true, true);
                case UHSUB -> IntLane.halvingSub(e, a, b, true);
                case UQSUB, UQSUB_scalar -> IntLane.qsub(e, a, b, true, st);
                case CMHI_reg, CMHI_reg_scalar -> IntLane.cmp(e, a, b, true) > 0 ? -1 : 0;
                case CMHS_reg, CMHS_reg_scalar -> IntLane.cmp(e, a, b, true) >= 0 ? -1 : 0;
                case USHL, USHL_scalar -> IntLane.shiftByReg(e, a, b, true, false, false, st);
                case UQSHL_reg, UQSHL_reg_scalar -> IntLane.shiftByReg(e, a, b, true, false, true, st);
                case URSHL, URSHL_scalar -> IntLane.shiftByReg(e, a, b, true, true, false, st);
                case UQRSHL, UQRSHL_scalar -> IntLane.shiftByReg(e, a, b, true, true, true, st);
                case UMAX, UMAXP -> IntLane.max(e, a, b, true);
                case UMIN, UMINP -> IntLane.min(e, a, b, true);
                case UABD -> IntLane.abd(e, a, b, true);
                case UABA -> d + IntLane.abd(e, a, b, true);
                case SUB_vector, SUB_vector_scalar -> a - b;
                case CMEQ_reg, CMEQ_reg_scalar -> a == b ? -1 : 0;
                case MLS_vector -> d - a * b;
                case PMUL -> IntLane.pmul(e, a, b);
                case SQRDMULH_vector, SQRDMULH_vector_scalar -> IntLane.sqdmulh(e, a, b, true, st);
            };
        }

        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            switch (shape) {
                case VECTOR -> Lanes.threeSame(cpu.state(), insn, 8 << u(insn, 22, 2), this);
                case PAIRWISE -> Lanes.pairwise(cpu.state(), insn, 8 << u(insn, 22, 2), this);
                case BITWISE -> bitwise(cpu.state(), insn, this);
                default -> scalar(cpu.state(), insn, this);
            }
        }
    }

    /** The rows, in the ARM ARM's order of U and opcode. */
    static void rows(DecodeTable t) {
        // Advanced SIMD three same: 0 Q U 01110 size 1 Rm opcode 1 Rn Rd; size 11 with Q = 0
        // is reserved everywhere, and for the ops without 64-bit lanes size 11 is.
        row(t, SHADD, "0q001110 zz1 mmmmm 00000 1 nnnnn ddddd").reserved("z", 0b11);
        row(t, SQADD, "0q001110 zz1 mmmmm 00001 1 nnnnn ddddd").reserved("qz", 0b011);
        row(t, SRHADD, "0q001110 zz1 mmmmm 00010 1 nnnnn ddddd").reserved("z", 0b11);
        row(t, AND_vector, "0q001110 001 mmmmm 00011 1 nnnnn ddddd");
        row(t, BIC_vector_reg, "0q001110 011 mmmmm 00011 1 nnnnn ddddd");
        row(t, ORR_vector_reg, "0q001110 101 mmmmm 00011 1 nnnnn ddddd");
        row(t, ORN_vector, "0q001110 111 mmmmm 00011 1 nnnnn ddddd");
        row(t, SHSUB, "0q001110 zz1 mmmmm 00100 1 nnnnn ddddd").reserved("z", 0b11);
        row(t, SQSUB, "0q001110 zz1 mmmmm 00101 1 nnnnn ddddd").reserved("qz", 0b011);
        row(t, CMGT_reg, "0q001110 zz1 mmmmm 00110 1 nnnnn ddddd").reserved("qz", 0b011);
        row(t, CMGE_reg, "0q001110 zz1 mmmmm 00111 1 nnnnn ddddd").reserved("qz", 0b011);
        row(t, SSHL, "0q001110 zz1 mmmmm 01000 1 nnnnn ddddd").reserved("qz", 0b011);
        row(t, SQSHL_reg, "0q001110 zz1 mmmmm 01001 1 nnnnn ddddd").reserved("qz", 0b011);
        row(t, SRSHL, "0q001110 zz1 mmmmm 01010 1 nnnnn ddddd").reserved("qz", 0b011);
        row(t, SQRSHL, "0q001110 zz1 mmmmm 01011 1 nnnnn ddddd").reserved("qz", 0b011);
        row(t, SMAX, "0q001110 zz1 mmmmm 01100 1 nnnnn ddddd").reserved("z", 0b11);
        row(t, SMIN, "0q001110 zz1 mmmmm 01101 1 nnnnn ddddd").reserved("z", 0b11);
        row(t, SABD, "0q001110 zz1 mmmmm 01110 1 nnnnn ddddd").reserved("z", 0b11);
        row(t, SABA, "0q001110 zz1 mmmmm 01111 1 nnnnn ddddd").reserved("z", 0b11);
        row(t, ADD_vector, "0q001110 zz1 mmmmm 10000 1 nnnnn ddddd").reserved("qz", 0b011);
        row(t, CMTST, "0q001110 zz1 mmmmm 10001 1 nnnnn ddddd").reserved("qz", 0b011);
        row(t, MLA_vector, "0q001110 zz1 mmmmm 10010 1 nnnnn ddddd").reserved("z", 0b11);
        row(t, MUL_vector, "0q001110 zz1 mmmmm 10011 1 nnnnn ddddd").reserved("z", 0b11);
        row(t, SMAXP, "0q001110 zz1 mmmmm 10100 1 nnnnn ddddd").reserved("z", 0b11);
        row(t, SMINP, "0q001110 zz1 mmmmm 10101 1 nnnnn ddddd").reserved("z", 0b11);
        row(t, SQDMULH_vector, "0q001110 zz1 mmmmm 10110 1 nnnnn ddddd").reserved("z", 0b00).reserved("z", 0b11);
        row(t, ADDP_vector, "0q001110 zz1 mmmmm 10111 1 nnnnn ddddd").reserved("qz", 0b011);
        row(t, UHADD, "0q101110 zz1 mmmmm 00000 1 nnnnn ddddd").reserved("z", 0b11);
        row(t, UQADD, "0q101110 zz1 mmmmm 00001 1 nnnnn ddddd").reserved("qz", 0b011);
        row(t, URHADD, "0q101110 zz1 mmmmm 00010 1 nnnnn ddddd").reserved("z", 0b11);
        row(t, EOR_vector, "0q101110 001 mmmmm 00011 1 nnnnn ddddd");
        row(t, BSL, "0q101110 011 mmmmm 00011 1 nnnnn ddddd");
        row(t, BIT, "0q101110 101 mmmmm 00011 1 nnnnn ddddd");
        row(t, BIF, "0q101110 111 mmmmm 00011 1 nnnnn ddddd");
        row(t, UHSUB, "0q101110 zz1 mmmmm 00100 1 nnnnn ddddd").reserved("z", 0b11);
        row(t, UQSUB, "0q101110 zz1 mmmmm 00101 1 nnnnn ddddd").reserved("qz", 0b011);
        row(t, CMHI_reg, "0q101110 zz1 mmmmm 00110 1 nnnnn ddddd").reserved("qz", 0b011);
        row(t, CMHS_reg, "0q101110 zz1 mmmmm 00111 1 nnnnn ddddd").reserved("qz", 0b011);
        row(t, USHL, "0q101110 zz1 mmmmm 01000 1 nnnnn ddddd").reserved("qz", 0b011);
        row(t, UQSHL_reg, "0q101110 zz1 mmmmm 01001 1 nnnnn ddddd").reserved("qz", 0b011);
        row(t, URSHL, "0q101110 zz1 mmmmm 01010 1 nnnnn ddddd").reserved("qz", 0b011);
        row(t, UQRSHL, "0q101110 zz1 mmmmm 01011 1 nnnnn ddddd").reserved("qz", 0b011);
        row(t, UMAX, "0q101110 zz1 mmmmm 01100 1 nnnnn ddddd").reserved("z", 0b11);
        row(t, UMIN, "0q101110 zz1 mmmmm 01101 1 nnnnn ddddd").reserved("z", 0b11);
        row(t, UABD, "0q101110 zz1 mmmmm 01110 1 nnnnn ddddd").reserved("z", 0b11);
        row(t, UABA, "0q101110 zz1 mmmmm 01111 1 nnnnn ddddd").reserved("z", 0b11);
        row(t, SUB_vector, "0q101110 zz1 mmmmm 10000 1 nnnnn ddddd").reserved("qz", 0b011);
        row(t, CMEQ_reg, "0q101110 zz1 mmmmm 10001 1 nnnnn ddddd").reserved("qz", 0b011);
        row(t, MLS_vector, "0q101110 zz1 mmmmm 10010 1 nnnnn ddddd").reserved("z", 0b11);
        row(t, PMUL, "0q101110 001 mmmmm 10011 1 nnnnn ddddd");
        row(t, UMAXP, "0q101110 zz1 mmmmm 10100 1 nnnnn ddddd").reserved("z", 0b11);
        row(t, UMINP, "0q101110 zz1 mmmmm 10101 1 nnnnn ddddd").reserved("z", 0b11);
        row(t, SQRDMULH_vector, "0q101110 zz1 mmmmm 10110 1 nnnnn ddddd").reserved("z", 0b00).reserved("z", 0b11);

        // Advanced SIMD scalar three same: 01 U 11110 size 1 Rm opcode 1 Rn Rd. The saturating
        // ops take every size, the comparisons, shifts, ADD and SUB only size 11, SQDMULH 01/10.
        row(t, SQADD_scalar, "01011110 zz1 mmmmm 00001 1 nnnnn ddddd");
        row(t, SQSUB_scalar, "01011110 zz1 mmmmm 00101 1 nnnnn ddddd");
        row(t, CMGT_reg_scalar, "01011110 111 mmmmm 00110 1 nnnnn ddddd");
        row(t, CMGE_reg_scalar, "01011110 111 mmmmm 00111 1 nnnnn ddddd");
        row(t, SSHL_scalar, "01011110 111 mmmmm 01000 1 nnnnn ddddd");
        row(t, SQSHL_reg_scalar, "01011110 zz1 mmmmm 01001 1 nnnnn ddddd");
        row(t, SRSHL_scalar, "01011110 111 mmmmm 01010 1 nnnnn ddddd");
        row(t, SQRSHL_scalar, "01011110 zz1 mmmmm 01011 1 nnnnn ddddd");
        row(t, ADD_vector_scalar, "01011110 111 mmmmm 10000 1 nnnnn ddddd");
        row(t, CMTST_scalar, "01011110 111 mmmmm 10001 1 nnnnn ddddd");
        row(t, SQDMULH_vector_scalar, "01011110 zz1 mmmmm 10110 1 nnnnn ddddd").reserved("z", 0b00).reserved("z", 0b11);
        row(t, UQADD_scalar, "01111110 zz1 mmmmm 00001 1 nnnnn ddddd");
        row(t, UQSUB_scalar, "01111110 zz1 mmmmm 00101 1 nnnnn ddddd");
        row(t, CMHI_reg_scalar, "01111110 111 mmmmm 00110 1 nnnnn ddddd");
        row(t, CMHS_reg_scalar, "01111110 111 mmmmm 00111 1 nnnnn ddddd");
        row(t, USHL_scalar, "01111110 111 mmmmm 01000 1 nnnnn ddddd");
        row(t, UQSHL_reg_scalar, "01111110 zz1 mmmmm 01001 1 nnnnn ddddd");
        row(t, URSHL_scalar, "01111110 111 mmmmm 01010 1 nnnnn ddddd");
        row(t, UQRSHL_scalar, "01111110 zz1 mmmmm 01011 1 nnnnn ddddd");
        row(t, SUB_vector_scalar, "01111110 111 mmmmm 10000 1 nnnnn ddddd");
        row(t, CMEQ_reg_scalar, "01111110 111 mmmmm 10001 1 nnnnn ddddd");
        row(t, SQRDMULH_vector_scalar, "01111110 zz1 mmmmm 10110 1 nnnnn ddddd")
                .reserved("z", 0b00).reserved("z", 0b11);
    }

    private static DecodeTable row(DecodeTable t, Encoding e, String pattern) {
        return t.add(e.name(), pattern, e);
    }

    /** The whole register as 64-bit halves (AND, BIC, ORR, ORN, EOR, BSL, BIT, BIF). */
    private static void bitwise(CpuState s, int insn, Encoding op) {
        int dn = rd(insn);
        int nn = rn(insn);
        int mm = rm(insn);
        // U:size selects the operation, as in the translator's inline code (sem.vec.VecLogic)
        int logic = u(insn, 29, 1) << 2 | u(insn, 22, 2);
        long lo = VecLogic.half(logic, s.vlo[dn], s.vlo[nn], s.vlo[mm]);
        long hi = VecLogic.half(logic, s.vhi[dn], s.vhi[nn], s.vhi[mm]);
        VRegs.setVec(s, dn, lo, hi, u(insn, 30, 1) == 1);
    }

    /** Lane 0 only, the rest of Vd cleared. */
    private static void scalar(CpuState s, int insn, Encoding op) {
        int esize = 8 << u(insn, 22, 2);
        long a = VRegs.get(s, rn(insn), 0, esize);
        long b = VRegs.get(s, rm(insn), 0, esize);
        VRegs.setScalar(s, rd(insn), esize, op.apply(esize, 0, a, b, s));
    }
}
