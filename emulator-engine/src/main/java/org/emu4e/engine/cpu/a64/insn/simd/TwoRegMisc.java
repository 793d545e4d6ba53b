package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

import java.math.BigInteger;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.sem.vec.IntLane;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/** AdvSIMD (scalar) two-register miscellaneous, integer part (C4.1.69); FP opcodes in {@link TwoRegMiscFp}. */
final class TwoRegMisc {
    private TwoRegMisc() { }

    @FunctionalInterface
    interface Op {
        long apply(int esize, long d, long a, CpuState st);
    }

    /** Element-wise integer ops keyed U:opcode; null when not element-wise. */
    static Op elementOp(int uu, int opcode) {
        return switch (uu << 5 | opcode) {
            case 0x03 -> (e, d, a, st) -> suqadd(e, d, a, st);
            case 0x23 -> (e, d, a, st) -> usqadd(e, d, a, st);
            case 0x04 -> (e, d, a, st) -> IntLane.cls(e, a);
            case 0x24 -> (e, d, a, st) -> IntLane.clz(e, a);
            case 0x07 -> (e, d, a, st) -> sqabs(e, a, st);
            case 0x27 -> (e, d, a, st) -> IntLane.qsub(e, 0, a, false, st);
            case 0x08 -> (e, d, a, st) -> IntLane.sx(a, e) > 0 ? -1 : 0;
            case 0x28 -> (e, d, a, st) -> IntLane.sx(a, e) >= 0 ? -1 : 0;
            case 0x09 -> (e, d, a, st) -> IntLane.zx(a, e) == 0 ? -1 : 0;
            case 0x29 -> (e, d, a, st) -> IntLane.sx(a, e) <= 0 ? -1 : 0;
            case 0x0A -> (e, d, a, st) -> IntLane.sx(a, e) < 0 ? -1 : 0;
            case 0x0B -> (e, d, a, st) -> Math.abs(IntLane.sx(a, e));
            case 0x2B -> (e, d, a, st) -> -a;
            default -> null;
        };
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

    static void vector(A64Cpu cpu, int insn) {
        int q = u(insn, 30, 1);
        int uu = u(insn, 29, 1);
        int size = u(insn, 22, 2);
        int opcode = u(insn, 12, 5);
        if (opcode >= 0x16 || (opcode >= 0x0C && opcode <= 0x0F)) {
            TwoRegMiscFp.vector(cpu, insn);
            return;
        }
        CpuState s = cpu.state();
        int key = uu << 5 | opcode;
        Op op = elementOp(uu, opcode);
        if (op != null) {
            if ((size == 3 && q == 0) || (size == 3 && (key == 0x04 || key == 0x24))) {
                throw GuestException.undefined();
            }
            int esize = 8 << size;
            int count = Lanes.count(q, esize);
            long[] a = Lanes.read(s, rn(insn), esize, count, 0);
            long[] d = Lanes.read(s, rd(insn), esize, count, 1);
            long[] r = Lanes.scratch(s, 2);
            for (int i = 0; i < count; i++) {
                r[i] = op.apply(esize, d[i], a[i], s);
            }
            Lanes.write(s, rd(insn), esize, r, count, q == 1);
            return;
        }
        switch (key) {
            case 0x00, 0x01, 0x20 -> rev(s, insn, q, size, key == 0x00 ? 64 : key == 0x20 ? 32 : 16);
            case 0x05 -> {
                if (size != 0) {
                    throw GuestException.undefined();
                }
                bytewise(s, insn, q, v -> Long.bitCount(v));
            }
            case 0x25 -> {
                if (size > 1) {
                    throw GuestException.undefined();
                }
                bytewise(s, insn, q, size == 0 ? v -> ~v : v -> IntLane.rbit(8, v));
            }
            case 0x02, 0x06, 0x22, 0x26 -> addlp(s, insn, q, size, uu == 1, (opcode & 4) != 0);
            case 0x12, 0x14, 0x32, 0x34 -> narrow(s, insn, q, size, key);
            case 0x33 -> shll(s, insn, q, size);
            default -> throw GuestException.undefined();
        }
    }

    private static void rev(CpuState s, int insn, int q, int size, int container) {
        int esize = 8 << size;
        if (esize >= container) {
            throw GuestException.undefined();
        }
        int count = Lanes.count(q, esize);
        int c = container / esize;
        long[] a = Lanes.read(s, rn(insn), esize, count, 0);
        long[] r = Lanes.scratch(s, 1);
        for (int i = 0; i < count; i++) {
            r[i] = a[(i / c) * c + (c - 1 - i % c)];
        }
        Lanes.write(s, rd(insn), esize, r, count, q == 1);
    }

    private static void bytewise(CpuState s, int insn, int q, java.util.function.LongUnaryOperator f) {
        int count = Lanes.count(q, 8);
        long[] a = Lanes.read(s, rn(insn), 8, count, 0);
        for (int i = 0; i < count; i++) {
            a[i] = f.applyAsLong(a[i]);
        }
        Lanes.write(s, rd(insn), 8, a, count, q == 1);
    }

    private static void addlp(CpuState s, int insn, int q, int size, boolean unsigned, boolean acc) {
        if (size == 3) {
            throw GuestException.undefined();
        }
        int esize = 8 << size;
        int count = Lanes.count(q, esize);
        long[] a = Lanes.read(s, rn(insn), esize, count, 0);
        long[] d = Lanes.read(s, rd(insn), 2 * esize, count / 2, 1);
        long[] r = Lanes.scratch(s, 2);
        for (int i = 0; i < count / 2; i++) {
            long x = unsigned ? a[2 * i] + a[2 * i + 1] : IntLane.sx(a[2 * i], esize) + IntLane.sx(a[2 * i + 1], esize);
            r[i] = acc ? d[i] + x : x;
        }
        Lanes.write(s, rd(insn), 2 * esize, r, count / 2, q == 1);
    }

    /** XTN, SQXTN (0x14), SQXTUN (0x32), UQXTN (0x34): narrow 2*esize to esize, part Q. */
    private static void narrow(CpuState s, int insn, int q, int size, int key) {
        if (size == 3) {
            throw GuestException.undefined();
        }
        int esize = 8 << size;
        int count = 64 / esize;
        long[] a = Lanes.read(s, rn(insn), 2 * esize, count, 0);
        long[] r = Lanes.scratch(s, 1);
        for (int i = 0; i < count; i++) {
            r[i] = narrowOne(esize, a[i], key, s);
        }
        writePart(s, rd(insn), esize, r, q);
    }

    static long narrowOne(int esize, long v, int key, CpuState s) {
        return switch (key & 0x1F) {
            case 0x14 -> (key & 0x20) != 0 ? satUU(v, esize, s) : IntLane.satS(IntLane.sx(v, 2 * esize), esize, s);
            case 0x12 -> (key & 0x20) != 0 ? IntLane.satU(IntLane.sx(v, 2 * esize), esize, s) : v;
            default -> throw GuestException.undefined();
        };
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

    private static void shll(CpuState s, int insn, int q, int size) {
        if (size == 3) {
            throw GuestException.undefined();
        }
        int esize = 8 << size;
        int count = 64 / esize;
        long part = q == 1 ? s.vhi[rn(insn)] : s.vlo[rn(insn)];
        long[] r = Lanes.scratch(s, 0);
        for (int i = 0; i < count; i++) {
            r[i] = ((part >>> (i * esize)) & VRegs.mask(esize)) << esize;
        }
        Lanes.write(s, rd(insn), 2 * esize, r, count, true);
    }

    static void scalar(A64Cpu cpu, int insn) {
        int uu = u(insn, 29, 1);
        int size = u(insn, 22, 2);
        int opcode = u(insn, 12, 5);
        if (opcode >= 0x16 || (opcode >= 0x0C && opcode <= 0x0F)) {
            TwoRegMiscFp.scalar(cpu, insn);
            return;
        }
        CpuState s = cpu.state();
        int key = uu << 5 | opcode;
        int esize = 8 << size;
        if (key == 0x14 || key == 0x32 || key == 0x34) {
            if (size == 3) {
                throw GuestException.undefined();
            }
            long v = VRegs.get(s, rn(insn), 0, 2 * esize);
            VRegs.setScalar(s, rd(insn), esize, narrowOne(esize, v, key, s));
            return;
        }
        boolean anySize = opcode == 0x03 || opcode == 0x07;
        Op op = elementOp(uu, opcode);
        if (op == null || key == 0x04 || key == 0x24 || (!anySize && size != 3)) {
            throw GuestException.undefined();
        }
        long a = VRegs.get(s, rn(insn), 0, esize);
        long d = VRegs.get(s, rd(insn), 0, esize);
        VRegs.setScalar(s, rd(insn), esize, op.apply(esize, d, a, s));
    }
}
