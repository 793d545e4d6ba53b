package org.emu4e.engine.cpu.a64.sem.fp;

import static org.emu4e.engine.cpu.a64.sem.fp.Fp.*;

import java.math.BigInteger;

import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.sem.fp.Fp.Unpacked;

/** FPRecipStepFused (2 - a*b) and FPRSqrtStepFused ((3 - a*b) / 2), one rounding each. */
public final class FpStep {
    private FpStep() { }

    public static long recipStep(int n, long op1, long op2, CpuState st) { return step(n, op1, op2, false, st); }

    public static long rsqrtStep(int n, long op1, long op2, CpuState st) { return step(n, op1, op2, true, st); }

    static long two(int n) { return (1L << (ebits(n) - 1)) << fbits(n); }

    static long onePointFive(int n) {
        return (((1L << (ebits(n) - 1)) - 1) << fbits(n)) | (1L << (fbits(n) - 1));
    }

    static long step(int n, long op1, long op2, boolean rsqrt, CpuState st) {
        op1 = neg(n, op1);
        Unpacked u1 = unpack(n, op1, st);
        Unpacked u2 = unpack(n, op2, st);
        if (u1.isNaN() || u2.isNaN()) {
            return processNaNs(n, u1.type, u2.type, op1, op2, st);
        }
        if ((u1.isInf() && u2.isZero()) || (u1.isZero() && u2.isInf())) {
            return rsqrt ? onePointFive(n) : two(n);
        }
        if (u1.isInf() || u2.isInf()) {
            return inf(n, u1.sign ^ u2.sign);
        }
        if (u1.isZero() || u2.isZero()) {
            return rsqrt ? onePointFive(n) : two(n);
        }
        int ep = u1.exp + u2.exp;
        BigInteger p = BigInteger.valueOf(u1.mant).multiply(BigInteger.valueOf(u2.mant));
        BigInteger c = BigInteger.valueOf(rsqrt ? 3 : 2);
        int e = Math.min(ep, 0);
        p = p.shiftLeft(ep - e);
        c = c.shiftLeft(-e);
        if (u1.sign ^ u2.sign) {
            p = p.negate();
        }
        BigInteger sum = c.add(p);
        int rounding = rounding(st.fpcr);
        if (sum.signum() == 0) {
            return zero(n, rounding == RM);
        }
        return FpRound.roundBig(n, sum.signum() < 0, sum.abs(), rsqrt ? e - 1 : e, rounding, st);
    }
}
