package org.emu4e.engine.cpu.a64.sem;

/**
 * ARM ARM pseudocode {@code DecodeBitMasks()} (J1.1, used by C6.2 logical immediate and the
 * bitfield moves). {@link #valid} tells whether the (N, imms) pair is allocated; the masks are
 * then computed by {@link #wmask} and {@link #tmask}. Pure; no side effects.
 */
public final class BitMasks {
    // Precomputed for all 13-bit N:immr:imms values at datasize 64 (a 32-bit mask is the low
    // half, since its element is at most 32 bits wide).
    private static final long[] IMM = new long[1 << 13];
    private static final long[] WMASK = new long[1 << 13];
    private static final long[] TMASK = new long[1 << 13];

    static {
        for (int i = 0; i < (1 << 13); i++) {
            int n = i >>> 12;
            int immr = (i >>> 6) & 0x3F;
            int imms = i & 0x3F;
            if (valid(n, imms, false, 64)) {
                WMASK[i] = wmask(n, imms, immr, 64);
                TMASK[i] = tmask(n, imms, immr, 64);
                IMM[i] = valid(n, imms, true, 64) ? WMASK[i] : 0;
            }
        }
    }

    private BitMasks() { }

    /**
     * The value of a logical immediate (N:immr:imms as 13 bits from insn[22:10]), or 0 when
     * the encoding is reserved (0 is never a valid logical immediate).
     */
    public static long logicalImmediate(int nImmrImms) {
        return IMM[nImmrImms];
    }

    /** Cached {@link #wmask} at datasize 64 for N:immr:imms (bitfield moves). */
    public static long bitfieldWmask(int nImmrImms) {
        return WMASK[nImmrImms];
    }

    /** Cached {@link #tmask} at datasize 64 for N:immr:imms (bitfield moves). */
    public static long bitfieldTmask(int nImmrImms) {
        return TMASK[nImmrImms];
    }

    /** HighestSetBit(N:NOT(imms)) over 7 bits, or -1. */
    private static int len(int n, int imms) {
        int v = (n << 6) | (~imms & 0x3F);
        return 31 - Integer.numberOfLeadingZeros(v);
    }

    /**
     * False when the encoding is reserved: len < 1, the element is wider than the
     * register, or (for logical immediates) S selects all ones of the element.
     */
    public static boolean valid(int n, int imms, boolean immediate, int datasize) {
        int len = len(n, imms);
        if (len < 1 || (1 << len) > datasize) {
            return false;
        }
        int levels = (1 << len) - 1;
        return !(immediate && (imms & levels) == levels);
    }

    /** The rotated, replicated mask {@code wmask} (the logical immediate value). */
    public static long wmask(int n, int imms, int immr, int datasize) {
        int len = len(n, imms);
        int levels = (1 << len) - 1;
        int s = imms & levels;
        int r = immr & levels;
        int esize = 1 << len;
        long welem = ones(s + 1);
        return replicate(ror(welem, r, esize), esize, datasize);
    }

    /** The unrotated mask {@code tmask} used by the bitfield moves. */
    public static long tmask(int n, int imms, int immr, int datasize) {
        int len = len(n, imms);
        int levels = (1 << len) - 1;
        int s = imms & levels;
        int r = immr & levels;
        int esize = 1 << len;
        int d = (s - r) & levels;
        return replicate(ones(d + 1), esize, datasize);
    }

    static long ones(int n) {
        return n >= 64 ? -1L : (1L << n) - 1;
    }

    static long ror(long v, int r, int esize) {
        if (r == 0) {
            return v;
        }
        long m = ones(esize);
        return ((v >>> r) | (v << (esize - r))) & m;
    }

    static long replicate(long elem, int esize, int datasize) {
        long out = 0;
        for (int i = 0; i < datasize; i += esize) {
            out |= elem << i;
        }
        return datasize == 64 ? out : out & 0xFFFF_FFFFL;
    }
}
