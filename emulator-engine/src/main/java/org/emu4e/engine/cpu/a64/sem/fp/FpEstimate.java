package org.emu4e.engine.cpu.a64.sem.fp;

import static org.emu4e.engine.cpu.a64.sem.fp.Fp.*;

import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.sem.fp.Fp.Unpacked;

/**
 * FRECPE/FRSQRTE/URECPE/URSQRTE/FRECPX (pseudocode FPRecipEstimate, FPRSqrtEstimate,
 * RecipEstimate, RecipSqrtEstimate, UnsignedRecipEstimate, UnsignedRSqrtEstimate, FPRecpX)
 * for single and double precision.
 */
public final class FpEstimate {
    private FpEstimate() { }

    /** RecipEstimate: a in 256..511 (0.5 &lt;= x &lt; 1.0), result in 256..511. */
    public static int recipEstimate(int a) {
        a = a * 2 + 1;
        int b = (1 << 19) / a;
        return (b + 1) / 2;
    }

    /** RecipSqrtEstimate: a in 128..511, result in 256..511. */
    public static int recipSqrtEstimate(int a) {
        if (a < 256) {
            a = a * 2 + 1;
        } else {
            a = (a >> 1) << 1;
            a = (a + 1) * 2;
        }
        int b = 512;
        while ((long) a * (b + 1) * (b + 1) < (1L << 28)) {
            b++;
        }
        return (b + 1) / 2;
    }

    public static long recipEstimate(int n, long op, CpuState st) {
        Unpacked u = unpack(n, op, st);
        if (u.isNaN()) {
            return processNaN(n, u.type, op, st);
        }
        if (u.isInf()) {
            return zero(n, u.sign);
        }
        if (u.isZero()) {
            st.fpsr |= DZC;
            return inf(n, u.sign);
        }
        long absBits = op & ~signBit(n);
        if (absBits < (n == 32 ? 1L << 21 : 1L << 50)) {
            int rm = rounding(st.fpcr);
            boolean toInf = rm == RN || (rm == RP && !u.sign) || (rm == RM && u.sign);
            st.fpsr |= OFC | IXC;
            return toInf ? inf(n, u.sign) : maxNormal(n, u.sign);
        }
        int exp = (int) (absBits >>> fbits(n));
        if ((st.fpcr & FZ) != 0 && exp >= (n == 32 ? 253 : 2045)) {
            st.fpsr |= UFC;
            return zero(n, u.sign);
        }
        long fraction = n == 32 ? (op & 0x7FFFFF) << 29 : op & ((1L << 52) - 1);
        if (exp == 0) {
            if ((fraction >>> 51) == 0) {
                exp = -1;
                fraction = (fraction << 2) & ((1L << 52) - 1);
            } else {
                fraction = (fraction << 1) & ((1L << 52) - 1);
            }
        }
        int scaled = (int) (0x100 | (fraction >>> 44));
        int resultExp = (n == 32 ? 253 : 2045) - exp;
        long est = recipEstimate(scaled);
        fraction = (est & 0xFF) << 44;
        if (resultExp == 0) {
            fraction = (1L << 51) | (fraction >>> 1);
        } else if (resultExp == -1) {
            fraction = (1L << 50) | (fraction >>> 2);
            resultExp = 0;
        }
        long s = zero(n, u.sign);
        return n == 32 ? s | ((long) resultExp << 23) | (fraction >>> 29) : s | ((long) resultExp << 52) | fraction;
    }

    public static long rsqrtEstimate(int n, long op, CpuState st) {
        Unpacked u = unpack(n, op, st);
        if (u.isNaN()) {
            return processNaN(n, u.type, op, st);
        }
        if (u.isZero()) {
            st.fpsr |= DZC;
            return inf(n, u.sign);
        }
        if (u.sign) {
            st.fpsr |= IOC;
            return defaultNaN(n);
        }
        if (u.isInf()) {
            return 0;
        }
        long fraction = n == 32 ? (op & 0x7FFFFF) << 29 : op & ((1L << 52) - 1);
        int exp = (int) ((op & ~signBit(n)) >>> fbits(n));
        if (exp == 0) {
            while ((fraction >>> 51) == 0) {
                fraction = (fraction << 1) & ((1L << 52) - 1);
                exp--;
            }
            fraction = (fraction << 1) & ((1L << 52) - 1);
        }
        int scaled = (exp & 1) == 0 ? (int) (0x100 | (fraction >>> 44)) : (int) (0x80 | (fraction >>> 45));
        int resultExp = ((n == 32 ? 380 : 3068) - exp) / 2;
        long est = recipSqrtEstimate(scaled);
        return n == 32 ? ((long) (resultExp & 0xFF) << 23) | ((est & 0xFF) << 15)
                : ((long) (resultExp & 0x7FF) << 52) | ((est & 0xFF) << 44);
    }

    public static long unsignedRecipEstimate(long op) {
        if ((op & 0x8000_0000L) == 0) {
            return 0xFFFF_FFFFL;
        }
        return (long) (recipEstimate((int) (op >>> 23) & 0x1FF) & 0x1FF) << 23;
    }

    public static long unsignedRSqrtEstimate(long op) {
        if ((op & 0xC000_0000L) == 0) {
            return 0xFFFF_FFFFL;
        }
        return (long) (recipSqrtEstimate((int) (op >>> 23) & 0x1FF) & 0x1FF) << 23;
    }

    /** FRECPX: exponent-only reciprocal. */
    public static long recpx(int n, long op, CpuState st) {
        Unpacked u = unpack(n, op, st);
        if (u.isNaN()) {
            return processNaN(n, u.type, op, st);
        }
        int f = fbits(n);
        long expMask = (1L << ebits(n)) - 1;
        long exp = (op >>> f) & expMask;
        long s = zero(n, u.sign);
        if (exp == 0) {
            return s | ((expMask - 1) << f);
        }
        return s | ((~exp & expMask) << f);
    }
}
