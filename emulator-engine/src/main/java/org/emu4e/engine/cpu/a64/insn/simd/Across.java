package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;
import static org.emu4e.engine.cpu.a64.insn.simd.Across.Encoding.*;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.decode.DecodeTable;
import org.emu4e.engine.cpu.a64.decode.Handler;
import org.emu4e.engine.cpu.a64.sem.fp.FpArith;
import org.emu4e.engine.cpu.a64.sem.fp.FpCompare;
import org.emu4e.engine.cpu.a64.sem.vec.IntLane;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/**
 * AdvSIMD across lanes (C4.1.69: ADDV, S/UADDLV, S/UMAXV, S/UMINV, FMAX(NM)V, FMIN(NM)V) and
 * AdvSIMD scalar pairwise (ADDP, FADDP, FMAX(NM)P, FMIN(NM)P): one row per encoding, named
 * after its {@link Encoding} constant, which is also its handler; reserved sizes have no row.
 * Pattern letters: q = Q, z = size, s = sz, n/d = registers.
 */
final class Across {
    private Across() { }

    private static final int INT_ACROSS = 0;
    private static final int FP_ACROSS = 1;
    private static final int INT_PAIR = 2;
    private static final int FP_PAIR = 3;

    /** Every across-lanes and scalar pairwise encoding, with its shape. */
    enum Encoding implements Handler {
        SADDLV(INT_ACROSS), SMAXV(INT_ACROSS), SMINV(INT_ACROSS), ADDV(INT_ACROSS),
        UADDLV(INT_ACROSS), UMAXV(INT_ACROSS), UMINV(INT_ACROSS),
        FMAXNMV(FP_ACROSS), FMAXV(FP_ACROSS), FMINNMV(FP_ACROSS), FMINV(FP_ACROSS),
        ADDP_scalar(INT_PAIR),
        FMAXNMP_scalar(FP_PAIR), FADDP_scalar(FP_PAIR), FMAXP_scalar(FP_PAIR), FMINNMP_scalar(FP_PAIR),
        FMINP_scalar(FP_PAIR);

        private final int shape;

        Encoding(int shape) {
            this.shape = shape;
        }

        /** The integer reduction step: the running value and the next (extended) lane. */
        long combine(long r, long v) {
            return switch (this) {
                case SMAXV -> Math.max(r, v);
                case UMAXV -> Long.compareUnsigned(v, r) > 0 ? v : r;
                case SMINV -> Math.min(r, v);
                case UMINV -> Long.compareUnsigned(v, r) < 0 ? v : r;
                default -> r + v;
            };
        }

        /** The floating-point operation on two elements of width {@code n}. */
        long fp(int n, long a, long b, CpuState st) {
            return switch (this) {
                case FMAXNMV, FMAXNMP_scalar -> FpCompare.maxNum(n, a, b, st);
                case FMINNMV, FMINNMP_scalar -> FpCompare.minNum(n, a, b, st);
                case FMAXV, FMAXP_scalar -> FpCompare.max(n, a, b, st);
                case FMINV, FMINP_scalar -> FpCompare.min(n, a, b, st);
                default -> FpArith.add(n, a, b, st);
            };
        }

        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            switch (shape) {
                case INT_ACROSS -> intAcross(s, insn, this);
                case FP_ACROSS -> {
                    // four single-precision lanes, reduced as a tree (Reduce() in the ARM ARM)
                    long[] a = Lanes.read(s, rn(insn), 32, 4, 0);
                    long lo = fp(32, a[0], a[1], s);
                    long hi = fp(32, a[2], a[3], s);
                    VRegs.setScalar(s, rd(insn), 32, fp(32, lo, hi, s));
                }
                case INT_PAIR -> VRegs.setScalar(s, rd(insn), 64, s.vlo[rn(insn)] + s.vhi[rn(insn)]);
                default -> {
                    int n = u(insn, 22, 1) == 1 ? 64 : 32;
                    long a = VRegs.get(s, rn(insn), 0, n);
                    long b = VRegs.get(s, rn(insn), 1, n);
                    VRegs.setScalar(s, rd(insn), n, fp(n, a, b, s));
                }
            }
        }
    }

    static void rows(DecodeTable t) {
        // Advanced SIMD across lanes: 0 Q U 01110 size 11000 opcode 10 Rn Rd; the integer forms
        // have no size 11 and no 4S with Q = 0; the FP forms are 4S only (size<1> picks min).
        row(t, SADDLV, "0q001110 zz 11000 00011 10 nnnnn ddddd").reserved("z", 0b11).reserved("qz", 0b010);
        row(t, SMAXV, "0q001110 zz 11000 01010 10 nnnnn ddddd").reserved("z", 0b11).reserved("qz", 0b010);
        row(t, SMINV, "0q001110 zz 11000 11010 10 nnnnn ddddd").reserved("z", 0b11).reserved("qz", 0b010);
        row(t, ADDV, "0q001110 zz 11000 11011 10 nnnnn ddddd").reserved("z", 0b11).reserved("qz", 0b010);
        row(t, UADDLV, "0q101110 zz 11000 00011 10 nnnnn ddddd").reserved("z", 0b11).reserved("qz", 0b010);
        row(t, UMAXV, "0q101110 zz 11000 01010 10 nnnnn ddddd").reserved("z", 0b11).reserved("qz", 0b010);
        row(t, UMINV, "0q101110 zz 11000 11010 10 nnnnn ddddd").reserved("z", 0b11).reserved("qz", 0b010);
        row(t, FMAXNMV, "01101110 00 11000 01100 10 nnnnn ddddd");
        row(t, FMAXV, "01101110 00 11000 01111 10 nnnnn ddddd");
        row(t, FMINNMV, "01101110 10 11000 01100 10 nnnnn ddddd");
        row(t, FMINV, "01101110 10 11000 01111 10 nnnnn ddddd");

        // Advanced SIMD scalar pairwise: 01 U 11110 size 11000 opcode 10 Rn Rd
        row(t, ADDP_scalar, "01011110 11 11000 11011 10 nnnnn ddddd");
        row(t, FMAXNMP_scalar, "01111110 0s 11000 01100 10 nnnnn ddddd");
        row(t, FADDP_scalar, "01111110 0s 11000 01101 10 nnnnn ddddd");
        row(t, FMAXP_scalar, "01111110 0s 11000 01111 10 nnnnn ddddd");
        row(t, FMINNMP_scalar, "01111110 1s 11000 01100 10 nnnnn ddddd");
        row(t, FMINP_scalar, "01111110 1s 11000 01111 10 nnnnn ddddd");
    }

    private static DecodeTable row(DecodeTable t, Encoding e, String pattern) {
        return t.add(e.name(), pattern, e);
    }

    /** ADDV, S/UADDLV (a 2*esize result), S/UMAXV, S/UMINV over every lane of Vn. */
    private static void intAcross(CpuState s, int insn, Encoding op) {
        int q = u(insn, 30, 1);
        int esize = 8 << u(insn, 22, 2);
        int count = Lanes.count(q, esize);
        long[] a = Lanes.read(s, rn(insn), esize, count, 1);
        boolean unsigned = op == UADDLV || op == UMAXV || op == UMINV;
        long r = unsigned ? a[0] : IntLane.sx(a[0], esize);
        for (int i = 1; i < count; i++) {
            r = op.combine(r, unsigned ? a[i] : IntLane.sx(a[i], esize));
        }
        VRegs.setScalar(s, rd(insn), op == SADDLV || op == UADDLV ? 2 * esize : esize, r);
    }
}
