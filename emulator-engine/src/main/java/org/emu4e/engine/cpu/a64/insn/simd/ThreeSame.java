package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.decode.DecodeTable;
import org.emu4e.engine.cpu.a64.decode.Handler;
import org.emu4e.engine.cpu.a64.sem.vec.IntLane;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/**
 * AdvSIMD three same and scalar three same, integer and bitwise encodings (C4.1.69, opcode
 * 0xxxx): one row per encoding, bound to its lane operation ({@link IntOp}); reserved sizes
 * have no row. The handlers read only the fields the row leaves free (Q, size, Rm, Rn, Rd).
 * Pattern letters: q = Q, z = size, m/n/d = registers.
 */
final class ThreeSame {
    private ThreeSame() { }

    /** The lane operation of each integer encoding, signedness included. */
    enum IntOp {
        SHADD, UHADD, SQADD, UQADD, SRHADD, URHADD, SHSUB, UHSUB, SQSUB, UQSUB, CMGT, CMHI, CMGE, CMHS,
        SSHL, USHL, SQSHL, UQSHL, SRSHL, URSHL, SQRSHL, UQRSHL, SMAX, UMAX, SMIN, UMIN, SABD, UABD, SABA, UABA,
        ADD, SUB, CMTST, CMEQ, MLA, MLS, MUL, PMUL, SQDMULH, SQRDMULH,
        AND, BIC, ORR, ORN, EOR, BSL, BIT, BIF;

        /** One lane: {@code d} is the destination's old lane, {@code a}/{@code b} Rn's and Rm's. */
        long apply(int e, long d, long a, long b, CpuState st) {
            return switch (this) {
                case SHADD -> IntLane.halvingAdd(e, a, b, false, false);
                case UHADD -> IntLane.halvingAdd(e, a, b, true, false);
                case SQADD -> IntLane.qadd(e, a, b, false, st);
                case UQADD -> IntLane.qadd(e, a, b, true, st);
                case SRHADD -> IntLane.halvingAdd(e, a, b, false, true);
                case URHADD -> IntLane.halvingAdd(e, a, b, true, true);
                case SHSUB -> IntLane.halvingSub(e, a, b, false);
                case UHSUB -> IntLane.halvingSub(e, a, b, true);
                case SQSUB -> IntLane.qsub(e, a, b, false, st);
                case UQSUB -> IntLane.qsub(e, a, b, true, st);
                case CMGT -> IntLane.cmp(e, a, b, false) > 0 ? -1 : 0;
                case CMHI -> IntLane.cmp(e, a, b, true) > 0 ? -1 : 0;
                case CMGE -> IntLane.cmp(e, a, b, false) >= 0 ? -1 : 0;
                case CMHS -> IntLane.cmp(e, a, b, true) >= 0 ? -1 : 0;
                case SSHL -> IntLane.shiftByReg(e, a, b, false, false, false, st);
                case USHL -> IntLane.shiftByReg(e, a, b, true, false, false, st);
                case SQSHL -> IntLane.shiftByReg(e, a, b, false, false, true, st);
                case UQSHL -> IntLane.shiftByReg(e, a, b, true, false, true, st);
                case SRSHL -> IntLane.shiftByReg(e, a, b, false, true, false, st);
                case URSHL -> IntLane.shiftByReg(e, a, b, true, true, false, st);
                case SQRSHL -> IntLane.shiftByReg(e, a, b, false, true, true, st);
                case UQRSHL -> IntLane.shiftByReg(e, a, b, true, true, true, st);
                case SMAX -> IntLane.max(e, a, b, false);
                case UMAX -> IntLane.max(e, a, b, true);
                case SMIN -> IntLane.min(e, a, b, false);
                case UMIN -> IntLane.min(e, a, b, true);
                case SABD -> IntLane.abd(e, a, b, false);
                case UABD -> IntLane.abd(e, a, b, true);
                case SABA -> d + IntLane.abd(e, a, b, false);
                case UABA -> d + IntLane.abd(e, a, b, true);
                case ADD -> a + b;
                case SUB -> a - b;
                case CMTST -> (a & b) != 0 ? -1 : 0;
                case CMEQ -> a == b ? -1 : 0;
                case MLA -> d + a * b;
                case MLS -> d - a * b;
                case MUL -> a * b;
                case PMUL -> IntLane.pmul(e, a, b);
                case SQDMULH -> IntLane.sqdmulh(e, a, b, false, st);
                case SQRDMULH -> IntLane.sqdmulh(e, a, b, true, st);
                case AND -> a & b;
                case BIC -> a & ~b;
                case ORR -> a | b;
                case ORN -> a | ~b;
                case EOR -> a ^ b;
                case BSL -> (d & a) | (~d & b);
                case BIT -> (b & a) | (~b & d);
                case BIF -> (~b & a) | (b & d);
            };
        }
    }

    /** The rows, in the ARM ARM's order of U and opcode. */
    static void rows(DecodeTable t) {
        // Advanced SIMD three same: 0 Q U 01110 size 1 Rm opcode 1 Rn Rd; size 11 with Q = 0
        // is reserved everywhere, and for the ops without 64-bit lanes size 11 is.
        vector(t, "SHADD", "0q001110 zz1 mmmmm 00000 1 nnnnn ddddd", IntOp.SHADD).reserved("z", 0b11);
        vector(t, "SQADD", "0q001110 zz1 mmmmm 00001 1 nnnnn ddddd", IntOp.SQADD).reserved("qz", 0b011);
        vector(t, "SRHADD", "0q001110 zz1 mmmmm 00010 1 nnnnn ddddd", IntOp.SRHADD).reserved("z", 0b11);
        bitwise(t, "AND_vector", "0q001110 001 mmmmm 00011 1 nnnnn ddddd", IntOp.AND);
        bitwise(t, "BIC_vector_reg", "0q001110 011 mmmmm 00011 1 nnnnn ddddd", IntOp.BIC);
        bitwise(t, "ORR_vector_reg", "0q001110 101 mmmmm 00011 1 nnnnn ddddd", IntOp.ORR);
        bitwise(t, "ORN_vector", "0q001110 111 mmmmm 00011 1 nnnnn ddddd", IntOp.ORN);
        vector(t, "SHSUB", "0q001110 zz1 mmmmm 00100 1 nnnnn ddddd", IntOp.SHSUB).reserved("z", 0b11);
        vector(t, "SQSUB", "0q001110 zz1 mmmmm 00101 1 nnnnn ddddd", IntOp.SQSUB).reserved("qz", 0b011);
        vector(t, "CMGT_reg", "0q001110 zz1 mmmmm 00110 1 nnnnn ddddd", IntOp.CMGT).reserved("qz", 0b011);
        vector(t, "CMGE_reg", "0q001110 zz1 mmmmm 00111 1 nnnnn ddddd", IntOp.CMGE).reserved("qz", 0b011);
        vector(t, "SSHL", "0q001110 zz1 mmmmm 01000 1 nnnnn ddddd", IntOp.SSHL).reserved("qz", 0b011);
        vector(t, "SQSHL_reg", "0q001110 zz1 mmmmm 01001 1 nnnnn ddddd", IntOp.SQSHL).reserved("qz", 0b011);
        vector(t, "SRSHL", "0q001110 zz1 mmmmm 01010 1 nnnnn ddddd", IntOp.SRSHL).reserved("qz", 0b011);
        vector(t, "SQRSHL", "0q001110 zz1 mmmmm 01011 1 nnnnn ddddd", IntOp.SQRSHL).reserved("qz", 0b011);
        vector(t, "SMAX", "0q001110 zz1 mmmmm 01100 1 nnnnn ddddd", IntOp.SMAX).reserved("z", 0b11);
        vector(t, "SMIN", "0q001110 zz1 mmmmm 01101 1 nnnnn ddddd", IntOp.SMIN).reserved("z", 0b11);
        vector(t, "SABD", "0q001110 zz1 mmmmm 01110 1 nnnnn ddddd", IntOp.SABD).reserved("z", 0b11);
        vector(t, "SABA", "0q001110 zz1 mmmmm 01111 1 nnnnn ddddd", IntOp.SABA).reserved("z", 0b11);
        vector(t, "ADD_vector", "0q001110 zz1 mmmmm 10000 1 nnnnn ddddd", IntOp.ADD).reserved("qz", 0b011);
        vector(t, "CMTST", "0q001110 zz1 mmmmm 10001 1 nnnnn ddddd", IntOp.CMTST).reserved("qz", 0b011);
        vector(t, "MLA_vector", "0q001110 zz1 mmmmm 10010 1 nnnnn ddddd", IntOp.MLA).reserved("z", 0b11);
        vector(t, "MUL_vector", "0q001110 zz1 mmmmm 10011 1 nnnnn ddddd", IntOp.MUL).reserved("z", 0b11);
        pairwise(t, "SMAXP", "0q001110 zz1 mmmmm 10100 1 nnnnn ddddd", IntOp.SMAX).reserved("z", 0b11);
        pairwise(t, "SMINP", "0q001110 zz1 mmmmm 10101 1 nnnnn ddddd", IntOp.SMIN).reserved("z", 0b11);
        vector(t, "SQDMULH_vector", "0q001110 zz1 mmmmm 10110 1 nnnnn ddddd", IntOp.SQDMULH)
                .reserved("z", 0b00).reserved("z", 0b11);
        pairwise(t, "ADDP_vector", "0q001110 zz1 mmmmm 10111 1 nnnnn ddddd", IntOp.ADD).reserved("qz", 0b011);
        vector(t, "UHADD", "0q101110 zz1 mmmmm 00000 1 nnnnn ddddd", IntOp.UHADD).reserved("z", 0b11);
        vector(t, "UQADD", "0q101110 zz1 mmmmm 00001 1 nnnnn ddddd", IntOp.UQADD).reserved("qz", 0b011);
        vector(t, "URHADD", "0q101110 zz1 mmmmm 00010 1 nnnnn ddddd", IntOp.URHADD).reserved("z", 0b11);
        bitwise(t, "EOR_vector", "0q101110 001 mmmmm 00011 1 nnnnn ddddd", IntOp.EOR);
        bitwise(t, "BSL", "0q101110 011 mmmmm 00011 1 nnnnn ddddd", IntOp.BSL);
        bitwise(t, "BIT", "0q101110 101 mmmmm 00011 1 nnnnn ddddd", IntOp.BIT);
        bitwise(t, "BIF", "0q101110 111 mmmmm 00011 1 nnnnn ddddd", IntOp.BIF);
        vector(t, "UHSUB", "0q101110 zz1 mmmmm 00100 1 nnnnn ddddd", IntOp.UHSUB).reserved("z", 0b11);
        vector(t, "UQSUB", "0q101110 zz1 mmmmm 00101 1 nnnnn ddddd", IntOp.UQSUB).reserved("qz", 0b011);
        vector(t, "CMHI_reg", "0q101110 zz1 mmmmm 00110 1 nnnnn ddddd", IntOp.CMHI).reserved("qz", 0b011);
        vector(t, "CMHS_reg", "0q101110 zz1 mmmmm 00111 1 nnnnn ddddd", IntOp.CMHS).reserved("qz", 0b011);
        vector(t, "USHL", "0q101110 zz1 mmmmm 01000 1 nnnnn ddddd", IntOp.USHL).reserved("qz", 0b011);
        vector(t, "UQSHL_reg", "0q101110 zz1 mmmmm 01001 1 nnnnn ddddd", IntOp.UQSHL).reserved("qz", 0b011);
        vector(t, "URSHL", "0q101110 zz1 mmmmm 01010 1 nnnnn ddddd", IntOp.URSHL).reserved("qz", 0b011);
        vector(t, "UQRSHL", "0q101110 zz1 mmmmm 01011 1 nnnnn ddddd", IntOp.UQRSHL).reserved("qz", 0b011);
        vector(t, "UMAX", "0q101110 zz1 mmmmm 01100 1 nnnnn ddddd", IntOp.UMAX).reserved("z", 0b11);
        vector(t, "UMIN", "0q101110 zz1 mmmmm 01101 1 nnnnn ddddd", IntOp.UMIN).reserved("z", 0b11);
        vector(t, "UABD", "0q101110 zz1 mmmmm 01110 1 nnnnn ddddd", IntOp.UABD).reserved("z", 0b11);
        vector(t, "UABA", "0q101110 zz1 mmmmm 01111 1 nnnnn ddddd", IntOp.UABA).reserved("z", 0b11);
        vector(t, "SUB_vector", "0q101110 zz1 mmmmm 10000 1 nnnnn ddddd", IntOp.SUB).reserved("qz", 0b011);
        vector(t, "CMEQ_reg", "0q101110 zz1 mmmmm 10001 1 nnnnn ddddd", IntOp.CMEQ).reserved("qz", 0b011);
        vector(t, "MLS_vector", "0q101110 zz1 mmmmm 10010 1 nnnnn ddddd", IntOp.MLS).reserved("z", 0b11);
        vector(t, "PMUL", "0q101110 001 mmmmm 10011 1 nnnnn ddddd", IntOp.PMUL);
        pairwise(t, "UMAXP", "0q101110 zz1 mmmmm 10100 1 nnnnn ddddd", IntOp.UMAX).reserved("z", 0b11);
        pairwise(t, "UMINP", "0q101110 zz1 mmmmm 10101 1 nnnnn ddddd", IntOp.UMIN).reserved("z", 0b11);
        vector(t, "SQRDMULH_vector", "0q101110 zz1 mmmmm 10110 1 nnnnn ddddd", IntOp.SQRDMULH)
                .reserved("z", 0b00).reserved("z", 0b11);

        // Advanced SIMD scalar three same: 01 U 11110 size 1 Rm opcode 1 Rn Rd. The saturating
        // ops take every size, the comparisons, shifts, ADD and SUB only size 11, SQDMULH 01/10.
        scalar(t, "SQADD_scalar", "01011110 zz1 mmmmm 00001 1 nnnnn ddddd", IntOp.SQADD);
        scalar(t, "SQSUB_scalar", "01011110 zz1 mmmmm 00101 1 nnnnn ddddd", IntOp.SQSUB);
        scalar(t, "CMGT_reg_scalar", "01011110 111 mmmmm 00110 1 nnnnn ddddd", IntOp.CMGT);
        scalar(t, "CMGE_reg_scalar", "01011110 111 mmmmm 00111 1 nnnnn ddddd", IntOp.CMGE);
        scalar(t, "SSHL_scalar", "01011110 111 mmmmm 01000 1 nnnnn ddddd", IntOp.SSHL);
        scalar(t, "SQSHL_reg_scalar", "01011110 zz1 mmmmm 01001 1 nnnnn ddddd", IntOp.SQSHL);
        scalar(t, "SRSHL_scalar", "01011110 111 mmmmm 01010 1 nnnnn ddddd", IntOp.SRSHL);
        scalar(t, "SQRSHL_scalar", "01011110 zz1 mmmmm 01011 1 nnnnn ddddd", IntOp.SQRSHL);
        scalar(t, "ADD_vector_scalar", "01011110 111 mmmmm 10000 1 nnnnn ddddd", IntOp.ADD);
        scalar(t, "CMTST_scalar", "01011110 111 mmmmm 10001 1 nnnnn ddddd", IntOp.CMTST);
        scalar(t, "SQDMULH_vector_scalar", "01011110 zz1 mmmmm 10110 1 nnnnn ddddd", IntOp.SQDMULH)
                .reserved("z", 0b00).reserved("z", 0b11);
        scalar(t, "UQADD_scalar", "01111110 zz1 mmmmm 00001 1 nnnnn ddddd", IntOp.UQADD);
        scalar(t, "UQSUB_scalar", "01111110 zz1 mmmmm 00101 1 nnnnn ddddd", IntOp.UQSUB);
        scalar(t, "CMHI_reg_scalar", "01111110 111 mmmmm 00110 1 nnnnn ddddd", IntOp.CMHI);
        scalar(t, "CMHS_reg_scalar", "01111110 111 mmmmm 00111 1 nnnnn ddddd", IntOp.CMHS);
        scalar(t, "USHL_scalar", "01111110 111 mmmmm 01000 1 nnnnn ddddd", IntOp.USHL);
        scalar(t, "UQSHL_reg_scalar", "01111110 zz1 mmmmm 01001 1 nnnnn ddddd", IntOp.UQSHL);
        scalar(t, "URSHL_scalar", "01111110 111 mmmmm 01010 1 nnnnn ddddd", IntOp.URSHL);
        scalar(t, "UQRSHL_scalar", "01111110 zz1 mmmmm 01011 1 nnnnn ddddd", IntOp.UQRSHL);
        scalar(t, "SUB_vector_scalar", "01111110 111 mmmmm 10000 1 nnnnn ddddd", IntOp.SUB);
        scalar(t, "CMEQ_reg_scalar", "01111110 111 mmmmm 10001 1 nnnnn ddddd", IntOp.CMEQ);
        scalar(t, "SQRDMULH_vector_scalar", "01111110 zz1 mmmmm 10110 1 nnnnn ddddd", IntOp.SQRDMULH)
                .reserved("z", 0b00).reserved("z", 0b11);
    }

    private static DecodeTable vector(DecodeTable t, String name, String pattern, IntOp op) {
        return t.add(name, pattern, new Vector(op));
    }

    private static DecodeTable pairwise(DecodeTable t, String name, String pattern, IntOp op) {
        return t.add(name, pattern, new Pairwise(op));
    }

    private static DecodeTable bitwise(DecodeTable t, String name, String pattern, IntOp op) {
        return t.add(name, pattern, new Bitwise(op));
    }

    private static DecodeTable scalar(DecodeTable t, String name, String pattern, IntOp op) {
        return t.add(name, pattern, new Scalar(op));
    }

    /** Lane by lane: Vd[i] = op(Vd[i], Vn[i], Vm[i]). */
    record Vector(IntOp op) implements Handler {
        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            int q = u(insn, 30, 1);
            int esize = 8 << u(insn, 22, 2);
            int count = Lanes.count(q, esize);
            long[] n = Lanes.read(s, rn(insn), esize, count);
            long[] m = Lanes.read(s, rm(insn), esize, count);
            long[] d = Lanes.read(s, rd(insn), esize, count);
            long[] r = new long[count];
            for (int i = 0; i < count; i++) {
                r[i] = op.apply(esize, d[i], n[i], m[i], s);
            }
            Lanes.write(s, rd(insn), esize, r, count, q == 1);
        }
    }

    /** Adjacent pairs of Vn:Vm (Vn's pairs in the low half of the result). */
    record Pairwise(IntOp op) implements Handler {
        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            int q = u(insn, 30, 1);
            int esize = 8 << u(insn, 22, 2);
            int count = Lanes.count(q, esize);
            int half = count / 2;
            long[] n = Lanes.read(s, rn(insn), esize, count);
            long[] m = Lanes.read(s, rm(insn), esize, count);
            long[] r = new long[count];
            for (int i = 0; i < count; i++) {
                long[] src = i < half ? n : m;
                int j = (i % half) * 2;
                r[i] = op.apply(esize, 0, src[j], src[j + 1], s);
            }
            Lanes.write(s, rd(insn), esize, r, count, q == 1);
        }
    }

    /** The whole register as 64-bit halves (AND, BIC, ORR, ORN, EOR, BSL, BIT, BIF). */
    record Bitwise(IntOp op) implements Handler {
        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            int dn = rd(insn);
            int nn = rn(insn);
            int mm = rm(insn);
            long lo = op.apply(64, s.vlo[dn], s.vlo[nn], s.vlo[mm], s);
            long hi = op.apply(64, s.vhi[dn], s.vhi[nn], s.vhi[mm], s);
            VRegs.setVec(s, dn, lo, hi, u(insn, 30, 1) == 1);
        }
    }

    /** Lane 0 only, the rest of Vd cleared. */
    record Scalar(IntOp op) implements Handler {
        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            int esize = 8 << u(insn, 22, 2);
            long a = VRegs.get(s, rn(insn), 0, esize);
            long b = VRegs.get(s, rm(insn), 0, esize);
            VRegs.setScalar(s, rd(insn), esize, op.apply(esize, 0, a, b, s));
        }
    }
}
