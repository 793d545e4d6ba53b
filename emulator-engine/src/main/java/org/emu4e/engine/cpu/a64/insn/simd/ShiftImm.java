package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.sem.fp.Fp;
import org.emu4e.engine.cpu.a64.sem.fp.FpConvert;
import org.emu4e.engine.cpu.a64.sem.vec.IntLane;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/**
 * AdvSIMD (scalar) shift by immediate: element size from the top set bit of immh; right
 * shifts are 2*esize - immh:immb, left shifts immh:immb - esize.
 */
final class ShiftImm {
    private ShiftImm() { }

    /** Same-width element op; returns the new element given old d and source a. */
    static long element(int key, int esize, int shift, long d, long a, CpuState st) {
        boolean us = (key & 0x20) != 0;
        long x = us ? IntLane.zx(a, esize) : IntLane.sx(a, esize);
        int rs = 2 * esize - shift;
        int ls = shift - esize;
        return switch (key & 0x1F) {
            case 0x00 -> IntLane.shiftRight(x, rs, us, false);
            case 0x02 -> d + IntLane.shiftRight(x, rs, us, false);
            case 0x04 -> IntLane.shiftRight(x, rs, us, true);
            case 0x06 -> d + IntLane.shiftRight(x, rs, us, true);
            case 0x08 -> {
                long m = rs >= 64 ? 0 : IntLane.maxU(esize) >>> rs;
                yield (d & ~m) | (rs >= 64 ? 0 : IntLane.zx(a, esize) >>> rs);
            }
            case 0x0A -> us ? (d & ~(IntLane.maxU(esize) << ls)) | (a << ls) : a << ls;
            case 0x0C -> IntLane.satShiftLeft(IntLane.sx(a, esize), ls, esize, false, true, st);
            case 0x0E -> IntLane.satShiftLeft(x, ls, esize, us, us, st);
            default -> throw GuestException.undefined();
        };
    }

    private static boolean validKey(int key, boolean scalar) {
        return switch (key) {
            case 0x00, 0x02, 0x04, 0x06, 0x0A, 0x0E, 0x20, 0x22, 0x24, 0x26, 0x28, 0x2A, 0x2C, 0x2E -> true;
            default -> false;
        };
    }

    static void vector(A64Cpu cpu, int insn) {
        shift(cpu, insn, false);
    }

    static void scalar(A64Cpu cpu, int insn) {
        shift(cpu, insn, true);
    }

    private static void shift(A64Cpu cpu, int insn, boolean scalar) {
        int q = scalar ? 1 : u(insn, 30, 1);
        int immh = u(insn, 19, 4);
        int shift = u(insn, 16, 7);
        int opcode = u(insn, 11, 5);
        int key = u(insn, 29, 1) << 5 | opcode;
        if (immh == 0) {
            throw GuestException.undefined();
        }
        int esize = 8 << (31 - Integer.numberOfLeadingZeros(immh));
        CpuState s = cpu.state();
        if (opcode >= 0x10 && opcode <= 0x13) {
            narrow(s, insn, key, esize, shift, q, scalar);
            return;
        }
        if (key == 0x14 || key == 0x34) {
            if (scalar || esize == 64) {
                throw GuestException.undefined();
            }
            long part = q == 1 ? s.vhi[rn(insn)] : s.vlo[rn(insn)];
            int count = 64 / esize;
            long[] r = Lanes.scratch(s, 0);
            for (int i = 0; i < count; i++) {
                long v = (part >>> (i * esize)) & VRegs.mask(esize);
                r[i] = (key == 0x34 ? v : IntLane.sx(v, esize)) << (shift - esize);
            }
            Lanes.write(s, rd(insn), 2 * esize, r, count, true);
            return;
        }
        if (opcode == 0x1C || opcode == 0x1F) {
            fixedPoint(s, insn, key, esize, shift, q, scalar);
            return;
        }
        boolean ok = validKey(key, scalar) && (scalar ? esize == 64 || key == 0x0E || key == 0x2E || key == 0x2C
                : !(esize == 64 && q == 0));
        if (!ok) {
            throw GuestException.undefined();
        }
        int count = scalar ? 1 : Lanes.count(q, esize);
        long[] a = Lanes.read(s, rn(insn), esize, count, 1);
        long[] d = Lanes.read(s, rd(insn), esize, count, 2);
        for (int i = 0; i < count; i++) {
            a[i] = element(key, esize, shift, d[i], a[i], s);
        }
        if (scalar) {
            VRegs.setScalar(s, rd(insn), esize, a[0]);
        } else {
            Lanes.write(s, rd(insn), esize, a, count, q == 1);
        }
    }

    /** SHRN, RSHRN, SQSHRUN, SQRSHRUN, SQSHRN, UQSHRN, SQRSHRN, UQRSHRN. */
    private static void narrow(CpuState s, int insn, int key, int esize, int shift, int q, boolean scalar) {
        if (esize == 64 || (scalar && (key == 0x10 || key == 0x11))) {
            throw GuestException.undefined();
        }
        int rs = 2 * esize - shift;
        boolean round = (key & 1) != 0;
        boolean unsignedIn = key == 0x32 || key == 0x33;
        int count = scalar ? 1 : 64 / esize;
        long[] a = Lanes.read(s, rn(insn), 2 * esize, count, 0);
        long[] r = Lanes.scratch(s, 1);
        for (int i = 0; i < count; i++) {
            long x = unsignedIn ? IntLane.zx(a[i], 2 * esize) : IntLane.sx(a[i], 2 * esize);
            long v = IntLane.shiftRight(x, rs, unsignedIn, round);
            r[i] = switch (key) {
                case 0x10, 0x11 -> v;
                case 0x30, 0x31 -> IntLane.satU(v, esize, s);
                case 0x12, 0x13 -> IntLane.satS(v, esize, s);
                default -> TwoRegMisc.satUU(v, esize, s);
            };
        }
        if (scalar) {
            VRegs.setScalar(s, rd(insn), esize, r[0]);
        } else {
            TwoRegMisc.writePart(s, rd(insn), esize, r, q);
        }
    }

    /** SCVTF/UCVTF (0x1C) and FCVTZS/FCVTZU (0x1F) with fbits = 2*esize - immh:immb. */
    private static void fixedPoint(CpuState s, int insn, int key, int esize, int shift, int q, boolean scalar) {
        if (esize < 32 || (esize == 64 && q == 0)) {
            throw GuestException.undefined();
        }
        int fbits = 2 * esize - shift;
        boolean us = (key & 0x20) != 0;
        boolean toInt = (key & 0x1F) == 0x1F;
        int count = scalar ? 1 : Lanes.count(q, esize);
        long[] a = Lanes.read(s, rn(insn), esize, count, 0);
        for (int i = 0; i < count; i++) {
            a[i] = toInt ? FpConvert.toFixed(esize, a[i], fbits, us, esize, Fp.RZ, s)
                    : FpConvert.fromFixed(esize, a[i], fbits, us, esize, Fp.rounding(s.fpcr), s);
        }
        if (scalar) {
            VRegs.setScalar(s, rd(insn), esize, a[0]);
        } else {
            Lanes.write(s, rd(insn), esize, a, count, q == 1);
        }
    }
}
