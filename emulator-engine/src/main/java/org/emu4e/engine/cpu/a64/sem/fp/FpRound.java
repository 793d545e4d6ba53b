package org.emu4e.engine.cpu.a64.sem.fp;

import static org.emu4e.engine.cpu.a64.sem.fp.Fp.*;

import java.math.BigInteger;

import org.emu4e.engine.cpu.a64.CpuState;

/**
 * FPRound (shared/functions/float/fpround): rounds an exact nonzero real to format {@code n}
 * with tininess detected before rounding, flush-to-zero of tiny results and overflow
 * handling, setting UFC/OFC/IXC (and IOC for AHP overflow) in FPSR.
 *
 * <p>The real is {@code mant * 2^exp}, plus a positive amount below one unit of
 * {@code mant} when {@code sticky}. Callers that set sticky keep at least F+2 significant
 * bits in mant, so the sticky part always lies below the rounding bit.
 */
public final class FpRound {
    private FpRound() { }

    /** Error classes of the discarded part: none, below half an ulp, exactly half, above half. */
    static final int EXACT = 0;
    static final int BELOW = 1;
    static final int HALF = 2;
    static final int ABOVE = 3;

    public static long round(int n, boolean sign, long mant, int exp, boolean sticky, int rounding, CpuState st) {
        int fpcr = st.fpcr;
        int f = fbits(n);
        int e = ebits(n);
        int minExp = minExp(n);
        int bl = 64 - Long.numberOfLeadingZeros(mant);
        int exponent = exp + bl - 1;
        if (n != 16 && (fpcr & FZ) != 0 && exponent < minExp) {
            st.fpsr |= UFC;
            return zero(n, sign);
        }
        int biased = Math.max(exponent - minExp + 1, 0);
        long shiftL = biased > 0 ? (long) f - bl + 1 : (long) exp - minExp + f;
        long intMant;
        int err;
        if (shiftL >= 0) {
            intMant = mant << shiftL;
            err = sticky ? BELOW : EXACT;
        } else if (shiftL <= -64) {
            intMant = 0;
            err = BELOW;
        } else {
            int r = (int) -shiftL;
            intMant = mant >>> r;
            err = classify(mant, r, sticky);
        }
        if (biased == 0 && err != EXACT) {
            st.fpsr |= UFC;
        }
        boolean up;
        boolean overflowToInf;
        switch (rounding) {
            case RN -> {
                up = err == ABOVE || (err == HALF && (intMant & 1) != 0);
                overflowToInf = true;
            }
            case RP -> {
                up = err != EXACT && !sign;
                overflowToInf = !sign;
            }
            case RM -> {
                up = err != EXACT && sign;
                overflowToInf = sign;
            }
            case RA -> {
                up = err >= HALF;
                overflowToInf = true;
            }
            default -> {
                up = false;
                overflowToInf = false;
            }
        }
        if (up) {
            intMant++;
            if (intMant == 1L << f) {
                biased = 1;
            }
            if (intMant == 1L << (f + 1)) {
                biased++;
                intMant >>>= 1;
            }
        }
        if (err != EXACT && rounding == RO) {
            intMant |= 1;
        }
        boolean inexact = err != EXACT;
        long result;
        long s = zero(n, sign);
        if (n != 16 || (fpcr & AHP) == 0) {
            if (biased >= (1 << e) - 1) {
                result = overflowToInf ? inf(n, sign) : maxNormal(n, sign);
                st.fpsr |= OFC;
                inexact = true;
            } else {
                result = s | ((long) biased << f) | (intMant & ((1L << f) - 1));
            }
        } else {
            if (biased >= (1 << e)) {
                result = s | (mask(n) >>> 1);
                st.fpsr |= IOC;
                inexact = false;
            } else {
                result = s | ((long) biased << f) | (intMant & ((1L << f) - 1));
            }
        }
        if (inexact) {
            st.fpsr |= IXC;
        }
        return result;
    }

    /** Error class of the low {@code r} (1..63) bits of mant, plus a sticky part below them. */
    static int classify(long mant, int r, boolean sticky) {
        long rem = mant & ((1L << r) - 1);
        long half = 1L << (r - 1);
        if (rem == 0) {
            return sticky ? BELOW : EXACT;
        } else if (rem < half) {
            return BELOW;
        } else if (rem == half) {
            return sticky ? ABOVE : HALF;
        }
        return ABOVE;
    }

    /** Rounds {@code m * 2^exp} for an arbitrary-size positive m. */
    public static long roundBig(int n, boolean sign, BigInteger m, int exp, int rounding, CpuState st) {
        int bl = m.bitLength();
        if (bl <= 62) {
            return round(n, sign, m.longValue(), exp, false, rounding, st);
        }
        int s = bl - 62;
        boolean sticky = m.getLowestSetBit() < s;
        return round(n, sign, m.shiftRight(s).longValue(), exp + s, sticky, rounding, st);
    }

    /** Rounds an unsigned 64-bit magnitude times 2^exp. */
    public static long roundUnsigned(int n, boolean sign, long mag, int exp, int rounding, CpuState st) {
        if (mag < 0) {
            return round(n, sign, mag >>> 1, exp + 1, (mag & 1) != 0, rounding, st);
        }
        return round(n, sign, mag, exp, false, rounding, st);
    }
}
