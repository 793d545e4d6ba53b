package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.sem.vec.IntLane;
import org.emu4e.engine.cpu.a64.sem.vec.VecLogic;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/** AdvSIMD three same and scalar three same, integer part (C4.1.69); FP opcodes go to {@link ThreeSameFp}. */
final class ThreeSame {
    private ThreeSame() { }

    @FunctionalInterface
    interface Op {
        long apply(int esize, long d, long a, long b, CpuState st);
    }

    private static final int NO_SIZE3 = 1 << 0 | 1 << 2 | 1 << 4 | 1 << 12 | 1 << 13 | 1 << 14 | 1 << 15
            | 1 << 18 | 1 << 19 | 1 << 20 | 1 << 21 | 1 << 22;
    /** Scalar forms: opcodes valid for any size, and those valid for size 11 only. */
    private static final int SCALAR_ANY = 1 << 1 | 1 << 5 | 1 << 9 | 1 << 11;
    private static final int SCALAR_D = 1 << 6 | 1 << 7 | 1 << 8 | 1 << 10 | 1 << 16 | 1 << 17;

    /** The operations by U:opcode, made once (a capturing lambda per instruction would allocate). */
    private static final Op[] INT_OPS = new Op[64];

    static {
        for (int k = 0; k < 64; k++) {
            INT_OPS[k] = makeIntOp(k >>> 5, k & 31);
        }
    }

    static Op intOp(int u, int opcode) {
        return INT_OPS[u << 5 | opcode];
    }

    private static Op makeIntOp(int u, int opcode) {
        boolean us = u == 1;
        return switch (opcode) {
            case 0 -> (e, d, a, b, st) -> IntLane.halvingAdd(e, a, b, us, false);
            case 1 -> (e, d, a, b, st) -> IntLane.qadd(e, a, b, us, st);
            case 2 -> (e, d, a, b, st) -> IntLane.halvingAdd(e, a, b, us, true);
            case 4 -> (e, d, a, b, st) -> IntLane.halvingSub(e, a, b, us);
            case 5 -> (e, d, a, b, st) -> IntLane.qsub(e, a, b, us, st);
            case 6 -> (e, d, a, b, st) -> IntLane.cmp(e, a, b, us) > 0 ? -1 : 0;
            case 7 -> (e, d, a, b, st) -> IntLane.cmp(e, a, b, us) >= 0 ? -1 : 0;
            case 8 -> (e, d, a, b, st) -> IntLane.shiftByReg(e, a, b, us, false, false, st);
            case 9 -> (e, d, a, b, st) -> IntLane.shiftByReg(e, a, b, us, false, true, st);
            case 10 -> (e, d, a, b, st) -> IntLane.shiftByReg(e, a, b, us, true, false, st);
            case 11 -> (e, d, a, b, st) -> IntLane.shiftByReg(e, a, b, us, true, true, st);
            case 12, 20 -> (e, d, a, b, st) -> IntLane.max(e, a, b, us);
            case 13, 21 -> (e, d, a, b, st) -> IntLane.min(e, a, b, us);
            case 14 -> (e, d, a, b, st) -> IntLane.abd(e, a, b, us);
            case 15 -> (e, d, a, b, st) -> d + IntLane.abd(e, a, b, us);
            case 16 -> us ? (e, d, a, b, st) -> a - b : (e, d, a, b, st) -> a + b;
            case 17 -> us ? (e, d, a, b, st) -> a == b ? -1 : 0 : (e, d, a, b, st) -> (a & b) != 0 ? -1 : 0;
            case 18 -> us ? (e, d, a, b, st) -> d - a * b : (e, d, a, b, st) -> d + a * b;
            case 19 -> us ? (e, d, a, b, st) -> IntLane.pmul(e, a, b) : (e, d, a, b, st) -> a * b;
            case 22 -> (e, d, a, b, st) -> IntLane.sqdmulh(e, a, b, us, st);
            case 23 -> us ? null : (e, d, a, b, st) -> a + b;
            default -> null;
        };
    }

    static void vector(A64Cpu cpu, int insn) {
        int q = u(insn, 30, 1);
        int uu = u(insn, 29, 1);
        int size = u(insn, 22, 2);
        int opcode = u(insn, 11, 5);
        if (opcode >= 0x18) {
            ThreeSameFp.vector(cpu, insn);
            return;
        }
        CpuState s = cpu.state();
        if (opcode == 3) {
            logic(s, insn, q, uu, size);
            return;
        }
        Op op = intOp(uu, opcode);
        if (op == null || (size == 3 && (q == 0 || (NO_SIZE3 >>> opcode & 1) != 0))
                || (opcode == 19 && uu == 1 && size != 0) || (opcode == 22 && (size == 0 || size == 3))) {
            throw GuestException.undefined();
        }
        int esize = 8 << size;
        int count = Lanes.count(q, esize);
        long[] n = Lanes.read(s, rn(insn), esize, count, 0);
        long[] m = Lanes.read(s, rm(insn), esize, count, 1);
        long[] d = Lanes.read(s, rd(insn), esize, count, 2);
        long[] r = Lanes.scratch(s, 3);
        if (opcode == 20 || opcode == 21 || opcode == 23) {
            for (int i = 0; i < count; i++) {
                long[] src = i < count / 2 ? n : m;
                int j = (i % (count / 2)) * 2;
                r[i] = op.apply(esize, 0, src[j], src[j + 1], s);
            }
        } else {
            for (int i = 0; i < count; i++) {
                r[i] = op.apply(esize, d[i], n[i], m[i], s);
            }
        }
        Lanes.write(s, rd(insn), esize, r, count, q == 1);
    }

    /** AND/BIC/ORR/ORN (U=0) and EOR/BSL/BIT/BIF (U=1), selected by size. */
    private static void logic(CpuState s, int insn, int q, int uu, int size) {
        int dn = rd(insn);
        int op = uu << 2 | size;
        long lo = VecLogic.half(op, s.vlo[dn], s.vlo[rn(insn)], s.vlo[rm(insn)]);
        long hi = VecLogic.half(op, s.vhi[dn], s.vhi[rn(insn)], s.vhi[rm(insn)]);
        VRegs.setVec(s, dn, lo, hi, q == 1);
    }

    static void scalar(A64Cpu cpu, int insn) {
        int uu = u(insn, 29, 1);
        int size = u(insn, 22, 2);
        int opcode = u(insn, 11, 5);
        if (opcode >= 0x18) {
            ThreeSameFp.scalar(cpu, insn);
            return;
        }
        boolean ok = ((SCALAR_ANY >>> opcode) & 1) != 0 || (((SCALAR_D >>> opcode) & 1) != 0 && size == 3)
                || (opcode == 22 && (size == 1 || size == 2));
        if (!ok) {
            throw GuestException.undefined();
        }
        CpuState s = cpu.state();
        int esize = 8 << size;
        long a = VRegs.get(s, rn(insn), 0, esize);
        long b = VRegs.get(s, rm(insn), 0, esize);
        VRegs.setScalar(s, rd(insn), esize, intOp(uu, opcode).apply(esize, 0, a, b, s));
    }
}
