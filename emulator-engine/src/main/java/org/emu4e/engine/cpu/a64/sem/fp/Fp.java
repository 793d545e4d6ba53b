package org.emu4e.engine.cpu.a64.sem.fp;

import org.emu4e.engine.cpu.a64.CpuState;

/**
 * Floating-point formats, FPCR/FPSR bits, operand unpacking and NaN processing, as the ARM ARM
 * pseudocode (DDI 0487, shared/functions/float: FPUnpack, FPProcessNaN(s), FPDefaultNaN).
 * Values are raw IEEE bit patterns of width {@code n} (16, 32 or 64) held in a long.
 * Cumulative exception flags are ORed into {@link CpuState#fpsr}; trapping is not supported
 * (Cortex-A53 has no FP exception traps: FPCR.{IDE,IXE,UFE,OFE,DZE,IOE} are RAZ/WI).
 */
public final class Fp {
    private Fp() { }

    // FPSR cumulative exception bits (C5.2.8).
    public static final int IOC = 1;
    public static final int DZC = 2;
    public static final int OFC = 4;
    public static final int UFC = 8;
    public static final int IXC = 16;
    public static final int IDC = 128;
    public static final int QC = 1 << 27;

    // FPCR control bits (C5.2.7).
    public static final int AHP = 1 << 26;
    public static final int DN = 1 << 25;
    public static final int FZ = 1 << 24;

    // FPRounding; RN..RZ match FPCR.RMode.
    public static final int RN = 0;
    public static final int RP = 1;
    public static final int RM = 2;
    public static final int RZ = 3;
    public static final int RA = 4;
    public static final int RO = 5;

    // FPType.
    public static final int ZERO = 0;
    public static final int NONZERO = 1;
    public static final int INF = 2;
    public static final int QNAN = 3;
    public static final int SNAN = 4;

    public static int rounding(int fpcr) { return (fpcr >>> 22) & 3; }

    public static int ebits(int n) { return n == 64 ? 11 : n == 32 ? 8 : 5; }

    public static int fbits(int n) { return n == 64 ? 52 : n == 32 ? 23 : 10; }

    /** Unbiased exponent of the smallest normal number. */
    public static int minExp(int n) { return 2 - (1 << (ebits(n) - 1)); }

    public static long signBit(int n) { return 1L << (n - 1); }

    public static long mask(int n) { return n == 64 ? -1L : (1L << n) - 1; }

    public static long zero(int n, boolean sign) { return sign ? signBit(n) : 0; }

    public static long inf(int n, boolean sign) {
        return zero(n, sign) | (((1L << ebits(n)) - 1) << fbits(n));
    }

    public static long maxNormal(int n, boolean sign) {
        return zero(n, sign) | ((((1L << ebits(n)) - 2) << fbits(n)) | ((1L << fbits(n)) - 1));
    }

    public static long defaultNaN(int n) { return inf(n, false) | (1L << (fbits(n) - 1)); }

    public static boolean sign(int n, long bits) { return ((bits >>> (n - 1)) & 1) != 0; }

    /** An unpacked operand: type, sign and for NONZERO the value mant * 2^exp. */
    public static final class Unpacked {
        public int type;
        public boolean sign;
        public long mant;
        public int exp;

        public boolean isNaN() { return type >= QNAN; }

        public boolean isZero() { return type == ZERO; }

        public boolean isInf() { return type == INF; }
    }

    /** FPUnpack: half precision is never flushed (no FZ16 in v8.0); S and D flush with FPCR.FZ. */
    public static Unpacked unpack(int n, long bits, CpuState st) {
        Unpacked u = new Unpacked();
        int f = fbits(n);
        int e = ebits(n);
        int expField = (int) (bits >>> f) & ((1 << e) - 1);
        long frac = bits & ((1L << f) - 1);
        u.sign = sign(n, bits);
        if (expField == 0) {
            if (frac == 0) {
                u.type = ZERO;
            } else if (n != 16 && (st.fpcr & FZ) != 0) {
                u.type = ZERO;
                st.fpsr |= IDC;
            } else {
                u.type = NONZERO;
                u.mant = frac;
                u.exp = minExp(n) - f;
            }
        } else if (expField == (1 << e) - 1 && !(n == 16 && (st.fpcr & AHP) != 0)) {
            if (frac == 0) {
                u.type = INF;
            } else {
                u.type = (frac >>> (f - 1)) != 0 ? QNAN : SNAN;
            }
        } else {
            u.type = NONZERO;
            u.mant = frac | (1L << f);
            u.exp = expField - ((1 << (e - 1)) - 1) - f;
        }
        return u;
    }

    /** FPProcessNaN. */
    public static long processNaN(int n, int type, long op, CpuState st) {
        long r = op;
        if (type == SNAN) {
            r = op | (1L << (fbits(n) - 1));
            st.fpsr |= IOC;
        }
        if ((st.fpcr & DN) != 0) {
            r = defaultNaN(n);
        }
        return r;
    }

    /** FPProcessNaNs; caller has checked that at least one operand is a NaN. */
    public static long processNaNs(int n, int t1, int t2, long op1, long op2, CpuState st) {
        if (t1 == SNAN) {
            return processNaN(n, t1, op1, st);
        } else if (t2 == SNAN) {
            return processNaN(n, t2, op2, st);
        } else if (t1 == QNAN) {
            return processNaN(n, t1, op1, st);
        }
        return processNaN(n, t2, op2, st);
    }

    /** FPProcessNaNs3; caller has checked that at least one operand is a NaN. */
    public static long processNaNs3(int n, int t1, int t2, int t3, long op1, long op2, long op3, CpuState st) {
        if (t1 == SNAN) {
            return processNaN(n, t1, op1, st);
        } else if (t2 == SNAN) {
            return processNaN(n, t2, op2, st);
        } else if (t3 == SNAN) {
            return processNaN(n, t3, op3, st);
        } else if (t1 == QNAN) {
            return processNaN(n, t1, op1, st);
        } else if (t2 == QNAN) {
            return processNaN(n, t2, op2, st);
        }
        return processNaN(n, t3, op3, st);
    }

    public static long neg(int n, long bits) { return bits ^ signBit(n); }

    public static long abs(int n, long bits) { return bits & ~signBit(n); }
}
