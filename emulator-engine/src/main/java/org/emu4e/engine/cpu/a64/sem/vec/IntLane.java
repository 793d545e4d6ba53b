package org.emu4e.engine.cpu.a64.sem.vec;

import org.emu4e.engine.cpu.a64.CpuState;

/**
 * Integer lane operations of Advanced SIMD (ARM ARM C7.2, pseudocode SatQ, SignedSatQ,
 * UnsignedSatQ, and the per-instruction Operation sections). Lanes are passed as raw
 * element bits; results are returned unmasked (the caller writes {@code esize} bits).
 * Saturation sets FPSR.QC.
 */
public final class IntLane {
    private IntLane() { }

    public static final int QC = 1 << 27;

    public static long sx(long v, int esize) { return esize == 64 ? v : (v << (64 - esize)) >> (64 - esize); }

    public static long zx(long v, int esize) { return esize == 64 ? v : v & ((1L << esize) - 1); }

    public static long maxS(int esize) { return esize == 64 ? Long.MAX_VALUE : (1L << (esize - 1)) - 1; }

    public static long minS(int esize) { return esize == 64 ? Long.MIN_VALUE : -(1L << (esize - 1)); }

    public static long maxU(int esize) { return esize == 64 ? -1L : (1L << esize) - 1; }

    /** SignedSatQ of a value that fits in a long. */
    public static long satS(long v, int esize, CpuState st) {
        if (v > maxS(esize)) {
            st.fpsr |= QC;
            return maxS(esize);
        }
        if (v < minS(esize)) {
            st.fpsr |= QC;
            return minS(esize);
        }
        return v;
    }

    /** UnsignedSatQ of a signed value that fits in a long (esize &lt; 64, or negative check only). */
    public static long satU(long v, int esize, CpuState st) {
        if (v < 0) {
            st.fpsr |= QC;
            return 0;
        }
        if (esize < 64 && v > maxU(esize)) {
            st.fpsr |= QC;
            return maxU(esize);
        }
        return v;
    }

    public static long qadd(int esize, long a, long b, boolean unsigned, CpuState st) {
        if (esize < 64) {
            return unsigned ? satU(zx(a, esize) + zx(b, esize), esize, st) : satS(sx(a, esize) + sx(b, esize), esize, st);
        }
        long r = a + b;
        if (unsigned) {
            if (Long.compareUnsigned(r, a) < 0) {
                st.fpsr |= QC;
                return -1L;
            }
        } else if (((a ^ r) & (b ^ r)) < 0) {
            st.fpsr |= QC;
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }

    public static long qsub(int esize, long a, long b, boolean unsigned, CpuState st) {
        if (esize < 64) {
            return unsigned ? satU(zx(a, esize) - zx(b, esize), esize, st) : satS(sx(a, esize) - sx(b, esize), esize, st);
        }
        long r = a - b;
        if (unsigned) {
            if (Long.compareUnsigned(a, b) < 0) {
                st.fpsr |= QC;
                return 0;
            }
        } else if (((a ^ b) & (a ^ r)) < 0) {
            st.fpsr |= QC;
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }

    /** (a + b + round) &gt;&gt; 1 without overflow (SHADD/UHADD/SRHADD/URHADD). */
    public static long halvingAdd(int esize, long a, long b, boolean unsigned, boolean round) {
        long x = unsigned ? zx(a, esize) : sx(a, esize);
        long y = unsigned ? zx(b, esize) : sx(b, esize);
        long c = round ? ((x | y) & 1) : (x & y & 1);
        return unsigned ? (x >>> 1) + (y >>> 1) + c : (x >> 1) + (y >> 1) + c;
    }

    public static long halvingSub(int esize, long a, long b, boolean unsigned) {
        long x = unsigned ? zx(a, esize) : sx(a, esize);
        long y = unsigned ? zx(b, esize) : sx(b, esize);
        long borrow = (~x & y & 1);
        return unsigned ? (x >>> 1) - (y >>> 1) - borrow : (x >> 1) - (y >> 1) - borrow;
    }

    public static int cmp(int esize, long a, long b, boolean unsigned) {
        return unsigned ? Long.compareUnsigned(zx(a, esize), zx(b, esize)) : Long.compare(sx(a, esize), sx(b, esize));
    }

    public static long max(int esize, long a, long b, boolean unsigned) { return cmp(esize, a, b, unsigned) >= 0 ? a : b; }

    public static long min(int esize, long a, long b, boolean unsigned) { return cmp(esize, a, b, unsigned) <= 0 ? a : b; }

    public static long abd(int esize, long a, long b, boolean unsigned) {
        return cmp(esize, a, b, unsigned) >= 0 ? a - b : b - a;
    }

    /**
     * Shift right by {@code rs} &gt;= 1 of a value held sign- or zero-extended in a long,
     * optionally rounding (add 2^(rs-1) first). Exact for any rs.
     */
    public static long shiftRight(long x, int rs, boolean unsigned, boolean round) {
        if (unsigned) {
            long r = rs >= 64 ? 0 : x >>> rs;
            if (round) {
                r += rs > 64 ? 0 : (x >>> (rs - 1)) & 1;
            }
            return r;
        }
        long r = x >> Math.min(rs, 63);
        if (round) {
            r += (x >> Math.min(rs - 1, 63)) & 1;
        }
        return r;
    }

    /** Left shift of an extended value with saturation to esize (signed or unsigned result). */
    public static long satShiftLeft(long x, int sh, int esize, boolean unsignedIn, boolean unsignedOut, CpuState st) {
        if (x == 0) {
            return 0;
        }
        boolean neg = !unsignedIn && x < 0;
        if (unsignedOut && neg) {
            st.fpsr |= QC;
            return 0;
        }
        long max = unsignedOut ? maxU(esize) : maxS(esize);
        if (sh >= esize) {
            st.fpsr |= QC;
            return neg ? minS(esize) : max;
        }
        long r = x << sh;
        boolean lost = unsignedIn || unsignedOut ? (r >>> sh) != x : (r >> sh) != x;
        if (esize == 64) {
            if (lost) {
                st.fpsr |= QC;
                return neg ? minS(esize) : max;
            }
            return r;
        }
        if (lost || (neg ? r < minS(esize) : Long.compareUnsigned(r, max) > 0)) {
            st.fpsr |= QC;
            return neg ? minS(esize) : max;
        }
        return r;
    }

    /** SSHL/USHL/SRSHL/URSHL/SQSHL/UQSHL/SQRSHL/UQRSHL: shift by the signed low byte of b. */
    public static long shiftByReg(int esize, long a, long b, boolean unsigned, boolean round, boolean sat, CpuState st) {
        long x = unsigned ? zx(a, esize) : sx(a, esize);
        int sh = (byte) b;
        if (sh >= 0) {
            if (sat) {
                return satShiftLeft(x, sh, esize, unsigned, unsigned, st);
            }
            return sh >= esize ? 0 : x << sh;
        }
        return shiftRight(x, -sh, unsigned, round);
    }

    /** PMUL on bytes: carry-less multiply, low 8 bits. */
    public static long pmul(int esize, long a, long b) {
        long r = 0;
        for (int i = 0; i < esize; i++) {
            if (((b >>> i) & 1) != 0) {
                r ^= a << i;
            }
        }
        return r;
    }

    /** SQDMULH/SQRDMULH for esize 16 or 32. */
    public static long sqdmulh(int esize, long a, long b, boolean round, CpuState st) {
        long p = 2 * sx(a, esize) * sx(b, esize);
        if (esize == 32 && sx(a, 32) == Integer.MIN_VALUE && sx(b, 32) == Integer.MIN_VALUE) {
            st.fpsr |= QC;
            return maxS(32);
        }
        if (round) {
            p += 1L << (esize - 1);
        }
        return satS(p >> esize, esize, st);
    }

    public static long cls(int esize, long a) {
        long x = sx(a, esize);
        long z = (x ^ (x >> 1)) & maxU(esize);
        return Long.numberOfLeadingZeros(z) - 65 + esize;
    }

    public static long clz(int esize, long a) {
        long x = zx(a, esize);
        return Long.numberOfLeadingZeros(x) - (64 - esize);
    }

    public static long rbit(int esize, long a) { return Long.reverse(a) >>> (64 - esize); }
}
