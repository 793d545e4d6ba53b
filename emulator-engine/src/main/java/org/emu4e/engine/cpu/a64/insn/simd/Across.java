package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.sem.fp.FpArith;
import org.emu4e.engine.cpu.a64.sem.fp.FpCompare;
import org.emu4e.engine.cpu.a64.sem.vec.IntLane;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/** AdvSIMD across lanes (ADDV, S/UADDLV, S/UMAXV, S/UMINV, FMAX(NM)V, FMIN(NM)V) and scalar pairwise. */
final class Across {
    private Across() { }

    static void across(A64Cpu cpu, int insn) {
        int q = u(insn, 30, 1);
        int uu = u(insn, 29, 1);
        int size = u(insn, 22, 2);
        int opcode = u(insn, 12, 5);
        CpuState s = cpu.state();
        if (uu == 1 && (opcode == 0x0C || opcode == 0x0F)) {
            if (q == 0 || (size & 1) != 0) {
                throw GuestException.undefined();
            }
            boolean min = size >= 2;
            FpOps.Op2 op = opcode == 0x0C ? (min ? FpCompare::minNum : FpCompare::maxNum)
                    : (min ? FpCompare::min : FpCompare::max);
            long[] a = Lanes.read(s, rn(insn), 32, 4, 0);
            long lo = op.apply(32, a[0], a[1], s);
            long hi = op.apply(32, a[2], a[3], s);
            VRegs.setScalar(s, rd(insn), 32, op.apply(32, lo, hi, s));
            return;
        }
        boolean valid = opcode == 0x03 || opcode == 0x0A || opcode == 0x1A || (opcode == 0x1B && uu == 0);
        if (!valid || size == 3 || (size == 2 && q == 0)) {
            throw GuestException.undefined();
        }
        int esize = 8 << size;
        int count = Lanes.count(q, esize);
        long[] a = Lanes.read(s, rn(insn), esize, count, 1);
        boolean us = uu == 1;
        long r = us ? a[0] : IntLane.sx(a[0], esize);
        for (int i = 1; i < count; i++) {
            long v = us ? a[i] : IntLane.sx(a[i], esize);
            r = switch (opcode) {
                case 0x03, 0x1B -> r + v;
                case 0x0A -> us ? (Long.compareUnsigned(v, r) > 0 ? v : r) : Math.max(r, v);
                default -> us ? (Long.compareUnsigned(v, r) < 0 ? v : r) : Math.min(r, v);
            };
        }
        VRegs.setScalar(s, rd(insn), opcode == 0x03 ? 2 * esize : esize, r);
    }

    /** ADDP (scalar, size 11) and FADDP/FMAXP/FMINP/FMAXNMP/FMINNMP (scalar). */
    static void scalarPairwise(A64Cpu cpu, int insn) {
        int uu = u(insn, 29, 1);
        int size = u(insn, 22, 2);
        int opcode = u(insn, 12, 5);
        CpuState s = cpu.state();
        if (uu == 0) {
            if (opcode != 0x1B || size != 3) {
                throw GuestException.undefined();
            }
            VRegs.setScalar(s, rd(insn), 64, s.vlo[rn(insn)] + s.vhi[rn(insn)]);
            return;
        }
        boolean min = size >= 2;
        FpOps.Op2 op = switch (opcode) {
            case 0x0C -> min ? FpCompare::minNum : FpCompare::maxNum;
            case 0x0D -> min ? null : FpArith::add;
            case 0x0F -> min ? FpCompare::min : FpCompare::max;
            default -> null;
        };
        if (op == null) {
            throw GuestException.undefined();
        }
        int n = (size & 1) == 1 ? 64 : 32;
        long a = VRegs.get(s, rn(insn), 0, n);
        long b = VRegs.get(s, rn(insn), 1, n);
        VRegs.setScalar(s, rd(insn), n, op.apply(n, a, b, s));
    }
}
