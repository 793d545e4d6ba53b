package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.sem.fp.Fp;
import org.emu4e.engine.cpu.a64.sem.fp.FpArith;
import org.emu4e.engine.cpu.a64.sem.vec.IntLane;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/** AdvSIMD (scalar) vector x indexed element: integer, long, saturating-doubling and FP forms. */
final class ByElement {
    private ByElement() { }

    static void vector(A64Cpu cpu, int insn) {
        exec(cpu, insn, false);
    }

    static void scalar(A64Cpu cpu, int insn) {
        exec(cpu, insn, true);
    }

    private static void exec(A64Cpu cpu, int insn, boolean scalar) {
        int q = scalar ? 0 : u(insn, 30, 1);
        int uu = u(insn, 29, 1);
        int size = u(insn, 22, 2);
        int l = u(insn, 21, 1);
        int mbit = u(insn, 20, 1);
        int rm = u(insn, 16, 4);
        int opcode = u(insn, 12, 4);
        int h = u(insn, 11, 1);
        int key = uu << 4 | opcode;
        CpuState s = cpu.state();
        boolean fp = key == 0x01 || key == 0x05 || key == 0x09 || key == 0x19;
        if (fp) {
            if (size < 2 || (size == 3 && (l == 1 || (q == 0 && !scalar)))) {
                throw GuestException.undefined();
            }
            int n = size == 3 ? 64 : 32;
            int index = size == 3 ? h : h << 1 | l;
            long e = VRegs.get(s, mbit << 4 | rm, index, n);
            int count = scalar ? 1 : Lanes.count(q, n);
            long[] a = Lanes.read(s, rn(insn), n, count, 0);
            long[] d = Lanes.read(s, rd(insn), n, count, 1);
            for (int i = 0; i < count; i++) {
                a[i] = switch (key) {
                    case 0x01 -> FpArith.mulAdd(n, d[i], a[i], e, s);
                    case 0x05 -> FpArith.mulAdd(n, d[i], Fp.neg(n, a[i]), e, s);
                    case 0x09 -> FpArith.mul(n, a[i], e, s);
                    default -> FpArith.mulx(n, a[i], e, s);
                };
            }
            write(s, rd(insn), n, a, count, q, scalar);
            return;
        }
        if (size == 0 || size == 3) {
            throw GuestException.undefined();
        }
        int esize = 8 << size;
        int index = size == 1 ? h << 2 | l << 1 | mbit : h << 1 | l;
        int mreg = size == 1 ? rm : mbit << 4 | rm;
        long e = VRegs.get(s, mreg, index, esize);
        boolean isLong = switch (key) {
            case 0x02, 0x03, 0x06, 0x07, 0x0A, 0x0B, 0x12, 0x16, 0x1A -> true;
            default -> false;
        };
        boolean sqd = key == 0x03 || key == 0x07 || key == 0x0B || key == 0x0C || key == 0x0D;
        boolean valid = isLong || key == 0x08 || key == 0x10 || key == 0x14 || key == 0x0C || key == 0x0D;
        if (!valid || (scalar && !sqd)) {
            throw GuestException.undefined();
        }
        if (isLong) {
            int count = scalar ? 1 : 64 / esize;
            long[] a = scalar ? Lanes.one(s, 2, VRegs.get(s, rn(insn), 0, esize)) : ThreeDiff.half(s, rn(insn), esize, q, 3);
            long[] d = Lanes.read(s, rd(insn), 2 * esize, count, 4);
            long[] r = Lanes.scratch(s, 5);
            int lkey = uu << 4 | (key == 0x02 || key == 0x12 ? 0x8 : key == 0x06 || key == 0x16 ? 0xA
                    : key == 0x0A || key == 0x1A ? 0xC : key == 0x03 ? 0x9 : key == 0x07 ? 0xB : 0xD);
            for (int i = 0; i < count; i++) {
                r[i] = ThreeDiff.longOp(lkey, esize, d[i], a[i], e, s);
            }
            if (scalar) {
                VRegs.setScalar(s, rd(insn), 2 * esize, r[0]);
            } else {
                Lanes.write(s, rd(insn), 2 * esize, r, count, true);
            }
            return;
        }
        int count = scalar ? 1 : Lanes.count(q, esize);
        long[] a = Lanes.read(s, rn(insn), esize, count, 6);
        long[] d = Lanes.read(s, rd(insn), esize, count, 7);
        for (int i = 0; i < count; i++) {
            a[i] = switch (key) {
                case 0x08 -> a[i] * e;
                case 0x10 -> d[i] + a[i] * e;
                case 0x14 -> d[i] - a[i] * e;
                case 0x0C -> IntLane.sqdmulh(esize, a[i], e, false, s);
                default -> IntLane.sqdmulh(esize, a[i], e, true, s);
            };
        }
        write(s, rd(insn), esize, a, count, q, scalar);
    }

    private static void write(CpuState s, int reg, int esize, long[] v, int count, int q, boolean scalar) {
        if (scalar) {
            VRegs.setScalar(s, reg, esize, v[0]);
        } else {
            Lanes.write(s, reg, esize, v, count, q == 1);
        }
    }
}
