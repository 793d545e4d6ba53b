package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.sem.fp.Fp;
import org.emu4e.engine.cpu.a64.sem.fp.FpArith;
import org.emu4e.engine.cpu.a64.sem.fp.FpCompare;
import org.emu4e.engine.cpu.a64.sem.fp.FpStep;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/** AdvSIMD (scalar) three same, floating-point opcodes 11xxx (size&lt;1&gt; selects the second column). */
final class ThreeSameFp {
    private ThreeSameFp() { }

    /** Key: U:a:opcode&lt;2:0&gt;. Pairwise ops are the same lane op applied to adjacent pairs. */
    static FpOps.Op2 op(int key) {
        return switch (key) {
            case 0x0 -> FpCompare::maxNum;
            case 0x2 -> FpArith::add;
            case 0x3 -> FpArith::mulx;
            case 0x4 -> (n, a, b, st) -> FpCompare.eq(n, a, b, st) ? -1 : 0;
            case 0x6 -> FpCompare::max;
            case 0x7 -> FpStep::recipStep;
            case 0x8 -> FpCompare::minNum;
            case 0xA -> FpArith::sub;
            case 0xE -> FpCompare::min;
            case 0xF -> FpStep::rsqrtStep;
            case 0x10 -> FpCompare::maxNum;
            case 0x12 -> FpArith::add;
            case 0x13 -> FpArith::mul;
            case 0x14 -> (n, a, b, st) -> FpCompare.ge(n, a, b, false, st) ? -1 : 0;
            case 0x15 -> (n, a, b, st) -> FpCompare.ge(n, Fp.abs(n, a), Fp.abs(n, b), false, st) ? -1 : 0;
            case 0x16 -> FpCompare::max;
            case 0x17 -> FpArith::div;
            case 0x18 -> FpCompare::minNum;
            case 0x1A -> (n, a, b, st) -> Fp.abs(n, FpArith.sub(n, a, b, st));
            case 0x1C -> (n, a, b, st) -> FpCompare.ge(n, a, b, true, st) ? -1 : 0;
            case 0x1D -> (n, a, b, st) -> FpCompare.ge(n, Fp.abs(n, a), Fp.abs(n, b), true, st) ? -1 : 0;
            case 0x1E -> FpCompare::min;
            default -> null;
        };
    }

    private static boolean pairwise(int key) {
        return key == 0x10 || key == 0x12 || key == 0x16 || key == 0x18 || key == 0x1E;
    }

    static int key(int insn) { return u(insn, 29, 1) << 4 | u(insn, 23, 1) << 3 | u(insn, 11, 3); }

    static void vector(A64Cpu cpu, int insn) {
        int q = u(insn, 30, 1);
        int sz = u(insn, 22, 1);
        int key = key(insn);
        if (sz == 1 && q == 0) {
            throw GuestException.undefined();
        }
        int n = sz == 1 ? 64 : 32;
        CpuState s = cpu.state();
        int count = Lanes.count(q, n);
        long[] a = Lanes.read(s, rn(insn), n, count, 0);
        long[] b = Lanes.read(s, rm(insn), n, count, 1);
        long[] r = Lanes.scratch(s, 2);
        if (key == 0x1 || key == 0x9) {
            long[] d = Lanes.read(s, rd(insn), n, count, 3);
            for (int i = 0; i < count; i++) {
                long x = key == 0x9 ? Fp.neg(n, a[i]) : a[i];
                r[i] = FpArith.mulAdd(n, d[i], x, b[i], s);
            }
        } else {
            FpOps.Op2 op = op(key);
            if (op == null) {
                throw GuestException.undefined();
            }
            if (pairwise(key)) {
                int half = count / 2;
                for (int i = 0; i < count; i++) {
                    long[] src = i < half ? a : b;
                    int j = (i % half) * 2;
                    r[i] = op.apply(n, src[j], src[j + 1], s);
                }
            } else {
                for (int i = 0; i < count; i++) {
                    r[i] = op.apply(n, a[i], b[i], s);
                }
            }
        }
        Lanes.write(s, rd(insn), n, r, count, q == 1);
    }

    private static final int SCALAR_KEYS = 1 << 0x3 | 1 << 0x4 | 1 << 0x7 | 1 << 0xF | 1 << 0x14 | 1 << 0x15
            | 1 << 0x1A | 1 << 0x1C | 1 << 0x1D;

    static void scalar(A64Cpu cpu, int insn) {
        int key = key(insn);
        if (((SCALAR_KEYS >>> key) & 1) == 0) {
            throw GuestException.undefined();
        }
        int n = u(insn, 22, 1) == 1 ? 64 : 32;
        CpuState s = cpu.state();
        long a = VRegs.get(s, rn(insn), 0, n);
        long b = VRegs.get(s, rm(insn), 0, n);
        VRegs.setScalar(s, rd(insn), n, op(key).apply(n, a, b, s));
    }
}
