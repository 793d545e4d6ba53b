package org.emu4e.engine.cpu.a64.sem.fp;

import static org.emu4e.engine.cpu.a64.sem.fp.Fp.*;

import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.sem.fp.Fp.Unpacked;

/** FPCompare, FPCompareEQ/GE/GT, FPMax/FPMin and FPMaxNum/FPMinNum (shared/functions/float). */
public final class FpCompare {
    private FpCompare() { }

    /** Compares two unpacked non-NaN values: -1, 0 or 1. */
    static int cmp(Unpacked a, Unpacked b) {
        int ka = key(a);
        int kb = key(b);
        if (ka != kb || ka == 0 || a.isInf()) {
            return Integer.compare(ka, kb) == 0 ? 0 : Integer.compare(ka, kb);
        }
        // Both nonzero finite and of the same sign.
        int c = cmpMagnitude(a, b);
        return a.sign ? -c : c;
    }

    /** Coarse order: -2 -inf, -1 negative, 0 zero, 1 positive, 2 +inf. */
    private static int key(Unpacked u) {
        if (u.isZero()) {
            return 0;
        }
        int k = u.isInf() ? 2 : 1;
        return u.sign ? -k : k;
    }

    private static int cmpMagnitude(Unpacked a, Unpacked b) {
        int ba = 64 - Long.numberOfLeadingZeros(a.mant) + a.exp;
        int bb = 64 - Long.numberOfLeadingZeros(b.mant) + b.exp;
        if (ba != bb) {
            return Integer.compare(ba, bb);
        }
        long ma = a.mant;
        long mb = b.mant;
        int d = a.exp - b.exp;
        if (d > 0) {
            ma <<= d;
        } else {
            mb <<= -d;
        }
        return Long.compare(ma, mb);
    }

    /** FPCompare: returns NZCV (bits 3..0). */
    public static int compare(int n, long op1, long op2, boolean signalNaNs, CpuState st) {
        Unpacked u1 = unpack(n, op1, st);
        Unpacked u2 = unpack(n, op2, st);
        if (u1.isNaN() || u2.isNaN()) {
            if (u1.type == SNAN || u2.type == SNAN || signalNaNs) {
                st.fpsr |= IOC;
            }
            return 0b0011;
        }
        int c = cmp(u1, u2);
        return c == 0 ? 0b0110 : c < 0 ? 0b1000 : 0b0010;
    }

    /** FPCompareEQ (IOC only for signalling NaNs). */
    public static boolean eq(int n, long op1, long op2, CpuState st) {
        Unpacked u1 = unpack(n, op1, st);
        Unpacked u2 = unpack(n, op2, st);
        if (u1.isNaN() || u2.isNaN()) {
            if (u1.type == SNAN || u2.type == SNAN) {
                st.fpsr |= IOC;
            }
            return false;
        }
        return cmp(u1, u2) == 0;
    }

    /** FPCompareGE / FPCompareGT (IOC for any NaN). */
    public static boolean ge(int n, long op1, long op2, boolean gt, CpuState st) {
        Unpacked u1 = unpack(n, op1, st);
        Unpacked u2 = unpack(n, op2, st);
        if (u1.isNaN() || u2.isNaN()) {
            st.fpsr |= IOC;
            return false;
        }
        int c = cmp(u1, u2);
        return gt ? c > 0 : c >= 0;
    }

    public static long max(int n, long op1, long op2, CpuState st) { return maxMin(n, op1, op2, true, st); }

    public static long min(int n, long op1, long op2, CpuState st) { return maxMin(n, op1, op2, false, st); }

    static long maxMin(int n, long op1, long op2, boolean max, CpuState st) {
        Unpacked u1 = unpack(n, op1, st);
        Unpacked u2 = unpack(n, op2, st);
        if (u1.isNaN() || u2.isNaN()) {
            return processNaNs(n, u1.type, u2.type, op1, op2, st);
        }
        int c = cmp(u1, u2);
        boolean first = max ? c > 0 : c < 0;
        Unpacked u = first ? u1 : u2;
        long op = first ? op1 : op2;
        if (u.isInf()) {
            return inf(n, u.sign);
        }
        if (u.isZero()) {
            boolean sign = max ? (u1.sign && u2.sign) : (u1.sign || u2.sign);
            return zero(n, sign);
        }
        return op;
    }

    /** FPMaxNum / FPMinNum: a quiet NaN loses against a number. */
    public static long maxNum(int n, long op1, long op2, CpuState st) { return maxMinNum(n, op1, op2, true, st); }

    public static long minNum(int n, long op1, long op2, CpuState st) { return maxMinNum(n, op1, op2, false, st); }

    static long maxMinNum(int n, long op1, long op2, boolean max, CpuState st) {
        int t1 = type(n, op1);
        int t2 = type(n, op2);
        long repl = inf(n, max);
        if (t1 == QNAN && t2 < QNAN) {
            op1 = repl;
        } else if (t2 == QNAN && t1 < QNAN) {
            op2 = repl;
        }
        return maxMin(n, op1, op2, max, st);
    }

    /** Type of an operand without side effects (no flush bookkeeping; NaN/inf detection only). */
    static int type(int n, long bits) {
        int f = fbits(n);
        int e = ebits(n);
        int expField = (int) (bits >>> f) & ((1 << e) - 1);
        long frac = bits & ((1L << f) - 1);
        if (expField != (1 << e) - 1) {
            return expField == 0 && frac == 0 ? ZERO : NONZERO;
        }
        if (frac == 0) {
            return INF;
        }
        return (frac >>> (f - 1)) != 0 ? QNAN : SNAN;
    }
}
