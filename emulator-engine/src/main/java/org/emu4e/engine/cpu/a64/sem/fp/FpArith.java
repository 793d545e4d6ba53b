package org.emu4e.engine.cpu.a64.sem.fp;

import static org.emu4e.engine.cpu.a64.sem.fp.Fp.*;

import java.math.BigInteger;

import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.sem.fp.Fp.Unpacked;

/**
 * FPAdd, FPSub, FPMul, FPMulX, FPDiv, FPSqrt, FPMulAdd (shared/functions/float). Results are
 * computed exactly in integers and rounded once by {@link FpRound}, using FPCR from the state.
 */
public final class FpArith {
    private FpArith() { }

    private static final int WIDTH = 62;

    public static long add(int n, long a, long b, CpuState st) { return addSub(n, a, b, false, st); }

    public static long sub(int n, long a, long b, CpuState st) { return addSub(n, a, b, true, st); }

    static long addSub(int n, long op1, long op2, boolean sub, CpuState st) {
        long[] out = st.fpOut;
        if (FpFast.op(n, sub ? FpFast.SUB : FpFast.ADD, op1, op2, st, out)) {
            return out[0];
        }
        Unpacked u1 = unpack(n, op1, st);
        Unpacked u2 = unpack(n, op2, st);
        if (u1.isNaN() || u2.isNaN()) {
            return processNaNs(n, u1.type, u2.type, op1, op2, st);
        }
        boolean s1 = u1.sign;
        boolean s2 = u2.sign ^ sub;
        if (u1.isInf() && u2.isInf() && s1 != s2) {
            st.fpsr |= IOC;
            return defaultNaN(n);
        }
        if (u1.isInf()) {
            return inf(n, s1);
        }
        if (u2.isInf()) {
            return inf(n, s2);
        }
        int rounding = rounding(st.fpcr);
        if (u1.isZero() && u2.isZero()) {
            return s1 == s2 ? zero(n, s1) : zero(n, rounding == RM);
        }
        if (u1.isZero()) {
            return FpRound.round(n, s2, u2.mant, u2.exp, false, rounding, st);
        }
        if (u2.isZero()) {
            return FpRound.round(n, s1, u1.mant, u1.exp, false, rounding, st);
        }
        long m1 = u1.mant;
        long m2 = u2.mant;
        int sh1 = Long.numberOfLeadingZeros(m1) - (64 - WIDTH);
        int sh2 = Long.numberOfLeadingZeros(m2) - (64 - WIDTH);
        m1 <<= sh1;
        m2 <<= sh2;
        int e1 = u1.exp - sh1;
        int e2 = u2.exp - sh2;
        if (e1 < e2) {
            long t = m1; m1 = m2; m2 = t;
            int te = e1; e1 = e2; e2 = te;
            boolean ts = s1; s1 = s2; s2 = ts;
        }
        int d = e1 - e2;
        long m2s;
        boolean sticky = false;
        if (d == 0) {
            m2s = m2;
        } else if (d < 64) {
            m2s = m2 >>> d;
            sticky = (m2 & ((1L << d) - 1)) != 0;
        } else {
            m2s = 0;
            sticky = true;
        }
        long r;
        boolean sign = s1;
        if (s1 == s2) {
            r = m1 + m2s;
        } else if (d == 0) {
            r = m1 - m2s;
            if (r == 0) {
                return zero(n, rounding == RM);
            }
            if (r < 0) {
                r = -r;
                sign = s2;
            }
        } else {
            r = m1 - m2s - (sticky ? 1 : 0);
        }
        return FpRound.round(n, sign, r, e1, sticky, rounding, st);
    }

    public static long mul(int n, long op1, long op2, CpuState st) { return mul(n, op1, op2, false, st); }

    /** FPMulX: like FPMul but infinity times zero gives 2.0 with the product's sign. */
    public static long mulx(int n, long op1, long op2, CpuState st) { return mul(n, op1, op2, true, st); }

    static long mul(int n, long op1, long op2, boolean x, CpuState st) {
        long[] out = st.fpOut;
        if (!x && FpFast.op(n, FpFast.MUL, op1, op2, st, out)) {
            return out[0];
        }
        Unpacked u1 = unpack(n, op1, st);
        Unpacked u2 = unpack(n, op2, st);
        if (u1.isNaN() || u2.isNaN()) {
            return processNaNs(n, u1.type, u2.type, op1, op2, st);
        }
        boolean sign = u1.sign ^ u2.sign;
        if ((u1.isInf() && u2.isZero()) || (u1.isZero() && u2.isInf())) {
            if (x) {
                return zero(n, sign) | (((1L << (ebits(n) - 1)) ) << fbits(n));
            }
            st.fpsr |= IOC;
            return defaultNaN(n);
        }
        if (u1.isInf() || u2.isInf()) {
            return inf(n, sign);
        }
        if (u1.isZero() || u2.isZero()) {
            return zero(n, sign);
        }
        return roundProduct(n, sign, u1.mant, u2.mant, u1.exp + u2.exp, st);
    }

    static long roundProduct(int n, boolean sign, long m1, long m2, int exp, CpuState st) {
        long hi = Math.multiplyHigh(m1, m2);
        long lo = m1 * m2;
        int rounding = rounding(st.fpcr);
        if (hi == 0 && lo >= 0) {
            return FpRound.round(n, sign, lo, exp, false, rounding, st);
        }
        int bl = 128 - Long.numberOfLeadingZeros(hi);
        if (hi == 0) {
            bl = 64;
        }
        int s = bl - WIDTH;
        long mant = (hi << (64 - s)) | (lo >>> s);
        boolean sticky = (lo & ((1L << s) - 1)) != 0;
        return FpRound.round(n, sign, mant, exp + s, sticky, rounding, st);
    }

    public static long div(int n, long op1, long op2, CpuState st) {
        Unpacked u1 = unpack(n, op1, st);
        Unpacked u2 = unpack(n, op2, st);
        if (u1.isNaN() || u2.isNaN()) {
            return processNaNs(n, u1.type, u2.type, op1, op2, st);
        }
        boolean sign = u1.sign ^ u2.sign;
        if ((u1.isInf() && u2.isInf()) || (u1.isZero() && u2.isZero())) {
            st.fpsr |= IOC;
            return defaultNaN(n);
        }
        if (u1.isInf() || u2.isZero()) {
            if (!u1.isInf()) {
                st.fpsr |= DZC;
            }
            return inf(n, sign);
        }
        if (u1.isZero() || u2.isInf()) {
            return zero(n, sign);
        }
        // Normalise both to 53 bits so the quotient lies in (1/2, 2).
        long m1 = u1.mant;
        long m2 = u2.mant;
        int sh1 = Long.numberOfLeadingZeros(m1) - 11;
        int sh2 = Long.numberOfLeadingZeros(m2) - 11;
        m1 <<= sh1;
        m2 <<= sh2;
        int exp = (u1.exp - sh1) - (u2.exp - sh2) - WIDTH;
        long q = 0;
        long r = m1;
        for (int i = 0; i <= WIDTH; i++) {
            q <<= 1;
            if (r >= m2) {
                r -= m2;
                q |= 1;
            }
            r <<= 1;
        }
        return FpRound.round(n, sign, q, exp, r != 0, rounding(st.fpcr), st);
    }

    public static long sqrt(int n, long op, CpuState st) {
        Unpacked u = unpack(n, op, st);
        if (u.isNaN()) {
            return processNaN(n, u.type, op, st);
        }
        if (u.isZero()) {
            return zero(n, u.sign);
        }
        if (u.sign) {
            st.fpsr |= IOC;
            return defaultNaN(n);
        }
        if (u.isInf()) {
            return inf(n, false);
        }
        long m = u.mant;
        int e = u.exp;
        if ((e & 1) != 0) {
            m <<= 1;
            e--;
        }
        int bl = 64 - Long.numberOfLeadingZeros(m);
        int t = 2 * WIDTH + 1 - bl;
        if ((t & 1) != 0) {
            t++;
        }
        BigInteger[] qr = BigInteger.valueOf(m).shiftLeft(t).sqrtAndRemainder();
        return FpRound.round(n, false, qr[0].longValueExact(), (e - t) / 2, qr[1].signum() != 0,
                rounding(st.fpcr), st);
    }

    /** FPMulAdd(addend, op1, op2): addend + op1 * op2 with a single rounding. */
    public static long mulAdd(int n, long addend, long op1, long op2, CpuState st) {
        if (n == 32 && FpFast.mulAdd32(addend, op1, op2, st, st.fpOut)) {
            return st.fpOut[0];
        }
        Unpacked ua = unpack(n, addend, st);
        Unpacked u1 = unpack(n, op1, st);
        Unpacked u2 = unpack(n, op2, st);
        boolean infZero = (u1.isInf() && u2.isZero()) || (u1.isZero() && u2.isInf());
        if (ua.isNaN() || u1.isNaN() || u2.isNaN()) {
            long r = processNaNs3(n, ua.type, u1.type, u2.type, addend, op1, op2, st);
            if (ua.type == QNAN && infZero) {
                st.fpsr |= IOC;
                return defaultNaN(n);
            }
            return r;
        }
        boolean signP = u1.sign ^ u2.sign;
        boolean infP = u1.isInf() || u2.isInf();
        boolean zeroP = u1.isZero() || u2.isZero();
        if (infZero || (ua.isInf() && infP && ua.sign != signP)) {
            st.fpsr |= IOC;
            return defaultNaN(n);
        }
        if ((ua.isInf() && !ua.sign) || (infP && !signP)) {
            return inf(n, false);
        }
        if ((ua.isInf() && ua.sign) || (infP && signP)) {
            return inf(n, true);
        }
        int rounding = rounding(st.fpcr);
        if (ua.isZero() && zeroP) {
            return ua.sign == signP ? zero(n, ua.sign) : zero(n, rounding == RM);
        }
        if (zeroP) {
            return FpRound.round(n, ua.sign, ua.mant, ua.exp, false, rounding, st);
        }
        if (ua.isZero()) {
            return roundProduct(n, signP, u1.mant, u2.mant, u1.exp + u2.exp, st);
        }
        BigInteger p = BigInteger.valueOf(u1.mant).multiply(BigInteger.valueOf(u2.mant));
        int ep = u1.exp + u2.exp;
        BigInteger a = BigInteger.valueOf(ua.mant);
        int ea = ua.exp;
        int e = Math.min(ep, ea);
        p = p.shiftLeft(ep - e);
        a = a.shiftLeft(ea - e);
        if (signP) {
            p = p.negate();
        }
        if (ua.sign) {
            a = a.negate();
        }
        BigInteger sum = p.add(a);
        if (sum.signum() == 0) {
            return zero(n, rounding == RM);
        }
        return FpRound.roundBig(n, sum.signum() < 0, sum.abs(), e, rounding, st);
    }
}
