package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

import java.math.BigInteger;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.decode.DecodeTable;
import org.emu4e.engine.cpu.a64.decode.Handler;
import org.emu4e.engine.cpu.a64.sem.vec.IntLane;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/**
 * AdvSIMD two-register miscellaneous and its scalar form, integer encodings (C4.1.69): one
 * row per encoding, bound to its operation; reserved sizes have no row. Pattern letters:
 * q = Q, z = size, n/d = registers. The floating-point encodings are in {@link TwoRegMiscFp}.
 */
final class TwoRegMisc {
    private TwoRegMisc() { }

    /** Lane-by-lane operations: {@code d} is the destination's old lane (the accumulating ones). */
    enum UnOp {
        SUQADD, USQADD, CLS, CLZ, SQABS, SQNEG, CMGT0, CMGE0, CMEQ0, CMLE0, CMLT0, ABS, NEG, CNT, NOT, RBIT;

        long apply(int e, long d, long a, CpuState st) {
            return switch (this) {
                case SUQADD -> suqadd(e, d, a, st);
                case USQADD -> usqadd(e, d, a, st);
                case CLS -> IntLane.cls(e, a);
                case CLZ -> IntLane.clz(e, a);
                case SQABS -> sqabs(e, a, st);
                case SQNEG -> IntLane.qsub(e, 0, a, false, st);
                case CMGT0 -> IntLane.sx(a, e) > 0 ? -1 : 0;
                case CMGE0 -> IntLane.sx(a, e) >= 0 ? -1 : 0;
                case CMEQ0 -> IntLane.zx(a, e) == 0 ? -1 : 0;
                case CMLE0 -> IntLane.sx(a, e) <= 0 ? -1 : 0;
                case CMLT0 -> IntLane.sx(a, e) < 0 ? -1 : 0;
                case ABS -> Math.abs(IntLane.sx(a, e));
                case NEG -> -a;
                case CNT -> Long.bitCount(a);
                case NOT -> ~a;
                case RBIT -> IntLane.rbit(8, a);
            };
        }
    }

    /** The narrowing operations: a 2*esize lane to esize. */
    enum Narrow {
        XTN, SQXTN, SQXTUN, UQXTN;

        long apply(int esize, long v, CpuState s) {
            return switch (this) {
                case XTN -> v;
                case SQXTN -> IntLane.satS(IntLane.sx(v, 2 * esize), esize, s);
                case SQXTUN -> IntLane.satU(IntLane.sx(v, 2 * esize), esize, s);
                case UQXTN -> satUU(v, esize, s);
            };
        }
    }

    static void rows(DecodeTable t) {
        // Advanced SIMD two-register miscellaneous: 0 Q U 01110 size 10000 opcode 10 Rn Rd;
        // size 11 with Q = 0 is reserved everywhere.
        t.add("REV64", "0q001110 zz 10000 00000 10 nnnnn ddddd", new Rev(64)).reserved("z", 0b11);
        t.add("REV16_vector", "0q001110 00 10000 00001 10 nnnnn ddddd", new Rev(16));
        t.add("SADDLP", "0q001110 zz 10000 00010 10 nnnnn ddddd", new AddPairs(false, false)).reserved("z", 0b11);
        lanes(t, "SUQADD", "0q001110 zz 10000 00011 10 nnnnn ddddd", UnOp.SUQADD).reserved("qz", 0b011);
        lanes(t, "CLS_vector", "0q001110 zz 10000 00100 10 nnnnn ddddd", UnOp.CLS).reserved("z", 0b11);
        bytes(t, "CNT", "0q001110 00 10000 00101 10 nnnnn ddddd", UnOp.CNT);
        t.add("SADALP", "0q001110 zz 10000 00110 10 nnnnn ddddd", new AddPairs(false, true)).reserved("z", 0b11);
        lanes(t, "SQABS", "0q001110 zz 10000 00111 10 nnnnn ddddd", UnOp.SQABS).reserved("qz", 0b011);
        lanes(t, "CMGT_zero", "0q001110 zz 10000 01000 10 nnnnn ddddd", UnOp.CMGT0).reserved("qz", 0b011);
        lanes(t, "CMEQ_zero", "0q001110 zz 10000 01001 10 nnnnn ddddd", UnOp.CMEQ0).reserved("qz", 0b011);
        lanes(t, "CMLT_zero", "0q001110 zz 10000 01010 10 nnnnn ddddd", UnOp.CMLT0).reserved("qz", 0b011);
        lanes(t, "ABS", "0q001110 zz 10000 01011 10 nnnnn ddddd", UnOp.ABS).reserved("qz", 0b011);
        t.add("XTN", "0q001110 zz 10000 10010 10 nnnnn ddddd", new NarrowLanes(Narrow.XTN)).reserved("z", 0b11);
        t.add("SQXTN", "0q001110 zz 10000 10100 10 nnnnn ddddd", new NarrowLanes(Narrow.SQXTN)).reserved("z", 0b11);
        t.add("REV32_vector", "0q101110 zz 10000 00000 10 nnnnn ddddd", new Rev(32))
                .reserved("z", 0b10).reserved("z", 0b11);
        t.add("UADDLP", "0q101110 zz 10000 00010 10 nnnnn ddddd", new AddPairs(true, false)).reserved("z", 0b11);
        lanes(t, "USQADD", "0q101110 zz 10000 00011 10 nnnnn ddddd", UnOp.USQADD).reserved("qz", 0b011);
        lanes(t, "CLZ_vector", "0q101110 zz 10000 00100 10 nnnnn ddddd", UnOp.CLZ).reserved("z", 0b11);
        bytes(t, "NOT", "0q101110 00 10000 00101 10 nnnnn ddddd", UnOp.NOT);
        bytes(t, "RBIT_vector", "0q101110 01 10000 00101 10 nnnnn ddddd", UnOp.RBIT);
        t.add("UADALP", "0q101110 zz 10000 00110 10 nnnnn ddddd", new AddPairs(true, true)).reserved("z", 0b11);
        lanes(t, "SQNEG", "0q101110 zz 10000 00111 10 nnnnn ddddd", UnOp.SQNEG).reserved("qz", 0b011);
        lanes(t, "CMGE_zero", "0q101110 zz 10000 01000 10 nnnnn ddddd", UnOp.CMGE0).reserved("qz", 0b011);
        lanes(t, "CMLE_zero", "0q101110 zz 10000 01001 10 nnnnn ddddd", UnOp.CMLE0).reserved("qz", 0b011);
        lanes(t, "NEG_vector", "0q101110 zz 10000 01011 10 nnnnn ddddd", UnOp.NEG).reserved("qz", 0b011);
        t.add("SQXTUN", "0q101110 zz 10000 10010 10 nnnnn ddddd", new NarrowLanes(Narrow.SQXTUN)).reserved("z", 0b11);
        t.add("SHLL", "0q101110 zz 10000 10011 10 nnnnn ddddd", new Shll()).reserved("z", 0b11);
        t.add("UQXTN", "0q101110 zz 10000 10100 10 nnnnn ddddd", new NarrowLanes(Narrow.UQXTN)).reserved("z", 0b11);

        // Advanced SIMD scalar two-register miscellaneous: 01 U 11110 size 10000 opcode 10 Rn Rd;
        // the comparisons, ABS and NEG take only size 11, the narrowing ops not size 11.
        scalar(t, "SUQADD_scalar", "01011110 zz 10000 00011 10 nnnnn ddddd", UnOp.SUQADD);
        scalar(t, "SQABS_scalar", "01011110 zz 10000 00111 10 nnnnn ddddd", UnOp.SQABS);
        scalar(t, "CMGT_zero_scalar", "01011110 11 10000 01000 10 nnnnn ddddd", UnOp.CMGT0);
        scalar(t, "CMEQ_zero_scalar", "01011110 11 10000 01001 10 nnnnn ddddd", UnOp.CMEQ0);
        scalar(t, "CMLT_zero_scalar", "01011110 11 10000 01010 10 nnnnn ddddd", UnOp.CMLT0);
        scalar(t, "ABS_scalar", "01011110 11 10000 01011 10 nnnnn ddddd", UnOp.ABS);
        t.add("SQXTN_scalar", "01011110 zz 10000 10100 10 nnnnn ddddd", new NarrowScalar(Narrow.SQXTN))
                .reserved("z", 0b11);
        scalar(t, "USQADD_scalar", "01111110 zz 10000 00011 10 nnnnn ddddd", UnOp.USQADD);
        scalar(t, "SQNEG_scalar", "01111110 zz 10000 00111 10 nnnnn ddddd", UnOp.SQNEG);
        scalar(t, "CMGE_zero_scalar", "01111110 11 10000 01000 10 nnnnn ddddd", UnOp.CMGE0);
        scalar(t, "CMLE_zero_scalar", "01111110 11 10000 01001 10 nnnnn ddddd", UnOp.CMLE0);
        scalar(t, "NEG_vector_scalar", "01111110 11 10000 01011 10 nnnnn ddddd", UnOp.NEG);
        t.add("SQXTUN_scalar", "01111110 zz 10000 10010 10 nnnnn ddddd", new NarrowScalar(Narrow.SQXTUN))
                .reserved("z", 0b11);
        t.add("UQXTN_scalar", "01111110 zz 10000 10100 10 nnnnn ddddd", new NarrowScalar(Narrow.UQXTN))
                .reserved("z", 0b11);
    }

    private static DecodeTable lanes(DecodeTable t, String name, String pattern, UnOp op) {
        return t.add(name, pattern, new Lanewise(op));
    }

    private static DecodeTable bytes(DecodeTable t, String name, String pattern, UnOp op) {
        return t.add(name, pattern, new Bytewise(op));
    }

    private static DecodeTable scalar(DecodeTable t, String name, String pattern, UnOp op) {
        return t.add(name, pattern, new Scalar(op));
    }

    private static int esize(int insn) { return 8 << u(insn, 22, 2); }

    /** Vd[i] = op(Vd[i], Vn[i]). */
    record Lanewise(UnOp op) implements Handler {
        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            int q = u(insn, 30, 1);
            int esize = esize(insn);
            int count = Lanes.count(q, esize);
            long[] a = Lanes.read(s, rn(insn), esize, count);
            long[] d = Lanes.read(s, rd(insn), esize, count);
            for (int i = 0; i < count; i++) {
                a[i] = op.apply(esize, d[i], a[i], s);
            }
            Lanes.write(s, rd(insn), esize, a, count, q == 1);
        }
    }

    /** CNT, NOT, RBIT: byte by byte (their size field is part of the opcode). */
    record Bytewise(UnOp op) implements Handler {
        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            int q = u(insn, 30, 1);
            int count = Lanes.count(q, 8);
            long[] a = Lanes.read(s, rn(insn), 8, count);
            for (int i = 0; i < count; i++) {
                a[i] = op.apply(8, 0, a[i], s);
            }
            Lanes.write(s, rd(insn), 8, a, count, q == 1);
        }
    }

    /** Lane 0 only, the rest of Vd cleared. */
    record Scalar(UnOp op) implements Handler {
        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            int esize = esize(insn);
            long a = VRegs.get(s, rn(insn), 0, esize);
            long d = VRegs.get(s, rd(insn), 0, esize);
            VRegs.setScalar(s, rd(insn), esize, op.apply(esize, d, a, s));
        }
    }

    /** REV16/REV32/REV64: the elements of each container in reverse order. */
    record Rev(int container) implements Handler {
        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            int q = u(insn, 30, 1);
            int esize = esize(insn);
            int count = Lanes.count(q, esize);
            int c = container / esize;
            long[] a = Lanes.read(s, rn(insn), esize, count);
            long[] r = new long[count];
            for (int i = 0; i < count; i++) {
                r[i] = a[(i / c) * c + (c - 1 - i % c)];
            }
            Lanes.write(s, rd(insn), esize, r, count, q == 1);
        }
    }

    /** SADDLP/UADDLP (and the accumulating SADALP/UADALP): adjacent pairs summed to 2*esize. */
    record AddPairs(boolean unsigned, boolean accumulate) implements Handler {
        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            int q = u(insn, 30, 1);
            int esize = esize(insn);
            int count = Lanes.count(q, esize);
            long[] a = Lanes.read(s, rn(insn), esize, count);
            long[] d = Lanes.read(s, rd(insn), 2 * esize, count / 2);
            long[] r = new long[count / 2];
            for (int i = 0; i < count / 2; i++) {
                long x = unsigned ? a[2 * i] + a[2 * i + 1]
                        : IntLane.sx(a[2 * i], esize) + IntLane.sx(a[2 * i + 1], esize);
                r[i] = accumulate ? d[i] + x : x;
            }
            Lanes.write(s, rd(insn), 2 * esize, r, count / 2, q == 1);
        }
    }

    /** XTN, SQXTN, SQXTUN, UQXTN: to the lower half (Q = 0) or the upper half (the "2" forms). */
    record NarrowLanes(Narrow op) implements Handler {
        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            int esize = esize(insn);
            int count = 64 / esize;
            long[] a = Lanes.read(s, rn(insn), 2 * esize, count);
            long[] r = new long[count];
            for (int i = 0; i < count; i++) {
                r[i] = op.apply(esize, a[i], s);
            }
            writePart(s, rd(insn), esize, r, u(insn, 30, 1));
        }
    }

    /** The scalar SQXTN, SQXTUN, UQXTN. */
    record NarrowScalar(Narrow op) implements Handler {
        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            int esize = esize(insn);
            long v = VRegs.get(s, rn(insn), 0, 2 * esize);
            VRegs.setScalar(s, rd(insn), esize, op.apply(esize, v, s));
        }
    }

    /** SHLL/SHLL2: the lower (upper) half widened and shifted left by esize. */
    record Shll() implements Handler {
        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            int esize = esize(insn);
            int count = 64 / esize;
            long part = u(insn, 30, 1) == 1 ? s.vhi[rn(insn)] : s.vlo[rn(insn)];
            long[] r = new long[count];
            for (int i = 0; i < count; i++) {
                r[i] = ((part >>> (i * esize)) & VRegs.mask(esize)) << esize;
            }
            Lanes.write(s, rd(insn), 2 * esize, r, count, true);
        }
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

    /** Writes a 64-bit result to the lower half (upper cleared) or, for the "2" forms, the upper half. */
    static void writePart(CpuState s, int reg, int esize, long[] r, int q) {
        long v = 0;
        for (int i = 0; i < r.length; i++) {
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
