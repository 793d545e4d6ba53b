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
import org.emu4e.engine.cpu.a64.sem.fp.FpConvert;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/**
 * Scalar floating-point data processing (C4.1.69: FP data-processing 1/2/3 source, compare,
 * conditional compare, conditional select, immediate). ftype 00 = single, 01 = double;
 * half precision arithmetic (ftype 11) is ARMv8.2 and UNDEFINED here.
 */
final class ScalarFp {
    private ScalarFp() { }

    /** Width for ftype = insn[23:22]; UNDEFINED for the half/reserved types. */
    static int width(int insn) {
        int t = u(insn, 22, 2);
        if (t == 0) {
            return 32;
        } else if (t == 1) {
            return 64;
        }
        throw GuestException.undefined();
    }

    static long reg(CpuState s, int r, int n) { return s.vlo[r] & Fp.mask(n); }

    static void dp2(A64Cpu cpu, int insn, FpOps.Op2 op) {
        int n = width(insn);
        CpuState s = cpu.state();
        VRegs.setScalar(s, rd(insn), n, op.apply(n, reg(s, rn(insn), n), reg(s, rm(insn), n), s));
    }

    static long fnmul(int n, long a, long b, CpuState st) { return Fp.neg(n, FpArith.mul(n, a, b, st)); }

    static void dp1(A64Cpu cpu, int insn, FpOps.Op1 op) {
        int n = width(insn);
        CpuState s = cpu.state();
        VRegs.setScalar(s, rd(insn), n, op.apply(n, reg(s, rn(insn), n), s));
    }

    /** FRINT with the rounding in the encoding (-1: FPCR), exact for FRINTX. */
    static FpOps.Op1 frint(int rounding, boolean exact) {
        return (n, a, st) -> FpConvert.roundInt(n, a, rounding < 0 ? Fp.rounding(st.fpcr) : rounding, exact, st);
    }

    /** FCVT between H, S and D: source ftype insn[23:22], destination opc insn[16:15]. */
    static void fcvt(A64Cpu cpu, int insn) {
        int from = cvtWidth(u(insn, 22, 2));
        int to = cvtWidth(u(insn, 15, 2));
        if (from == to) {
            throw GuestException.undefined();
        }
        CpuState s = cpu.state();
        long r = FpConvert.convert(from, to, reg(s, rn(insn), from), Fp.rounding(s.fpcr), s);
        VRegs.setScalar(s, rd(insn), to, r);
    }

    private static int cvtWidth(int t) {
        return switch (t) {
            case 0 -> 32;
            case 1 -> 64;
            case 3 -> 16;
            default -> throw GuestException.undefined();
        };
    }

    /** FMADD/FMSUB/FNMADD/FNMSUB: negations applied to the operands first (NaN signs too). */
    static void dp3(A64Cpu cpu, int insn, boolean negAcc, boolean negProd) {
        int n = width(insn);
        CpuState s = cpu.state();
        long a = reg(s, u(insn, 10, 5), n);
        long x = reg(s, rn(insn), n);
        long y = reg(s, rm(insn), n);
        if (negAcc) {
            a = Fp.neg(n, a);
        }
        if (negProd) {
            x = Fp.neg(n, x);
        }
        VRegs.setScalar(s, rd(insn), n, FpArith.mulAdd(n, a, x, y, s));
    }

    /** FCMP/FCMPE, with zero when insn[3] is set. */
    static void fcmp(A64Cpu cpu, int insn) {
        int n = width(insn);
        CpuState s = cpu.state();
        long b = (insn & 8) != 0 ? 0 : reg(s, rm(insn), n);
        s.nzcv = FpCompare.compare(n, reg(s, rn(insn), n), b, (insn & 16) != 0, s);
    }

    /** FCCMP/FCCMPE. */
    static void fccmp(A64Cpu cpu, int insn) {
        int n = width(insn);
        CpuState s = cpu.state();
        if (Cond.holds(s.nzcv, u(insn, 12, 4))) {
            s.nzcv = FpCompare.compare(n, reg(s, rn(insn), n), reg(s, rm(insn), n), (insn & 16) != 0, s);
        } else {
            s.nzcv = insn & 15;
        }
    }

    static void fcsel(A64Cpu cpu, int insn) {
        int n = width(insn);
        CpuState s = cpu.state();
        int src = Cond.holds(s.nzcv, u(insn, 12, 4)) ? rn(insn) : rm(insn);
        VRegs.setScalar(s, rd(insn), n, reg(s, src, n));
    }

    static void fmovImm(A64Cpu cpu, int insn) {
        int n = width(insn);
        VRegs.setScalar(cpu.state(), rd(insn), n, FpConvert.expandImm(n, u(insn, 13, 8)));
    }
}
