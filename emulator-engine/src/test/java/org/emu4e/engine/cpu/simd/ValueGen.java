package org.emu4e.engine.cpu.simd;

import java.util.SplittableRandom;

/** Random register contents biased towards floating-point corner cases. */
final class ValueGen {
    private final SplittableRandom r;

    ValueGen(SplittableRandom r) {
        this.r = r;
    }

    long half64() {
        return switch (r.nextInt(6)) {
            case 0 -> r.nextLong();
            case 1, 2 -> special(64, r.nextInt(2) == 0 ? 52 : 52);
            case 3 -> special(32, 23) | (special(32, 23) << 32);
            case 4 -> special(16, 10) | (special(16, 10) << 16) | (special(16, 10) << 32) | (special(16, 10) << 48);
            default -> smallInts();
        };
    }

    private long smallInts() {
        int es = 8 << r.nextInt(4);
        long v = 0;
        for (int i = 0; i < 64; i += es) {
            long e = switch (r.nextInt(4)) {
                case 0 -> r.nextInt(5) - 2;
                case 1 -> (1L << (es - 1)) - r.nextInt(3);
                case 2 -> r.nextLong();
                default -> r.nextInt(256);
            };
            v |= (es == 64 ? e : e & ((1L << es) - 1)) << i;
        }
        return v;
    }

    /** A value of width n with f fraction bits. */
    long special(int n, int f) {
        int e = n - 1 - f;
        long expMax = (1L << e) - 1;
        long bias = (1L << (e - 1)) - 1;
        long sign = r.nextInt(2) == 0 ? 0 : 1L << (n - 1);
        long frac = r.nextLong() & ((1L << f) - 1);
        long v = switch (r.nextInt(16)) {
            case 0 -> 0;
            case 1 -> expMax << f;
            case 2 -> (expMax << f) | (1L << (f - 1)) | (frac & (r.nextInt(2) == 0 ? 0 : (1L << (f - 1)) - 1));
            case 3 -> (expMax << f) | Math.max(1, frac & ((1L << (f - 1)) - 1));
            case 4 -> Math.max(1, frac >>> r.nextInt(f));
            case 5 -> 1L << f;
            case 6 -> ((expMax - 1) << f) | frac;
            case 7 -> ((expMax - 1) << f) | ((1L << f) - 1);
            case 8 -> (bias << f) | (frac & ~((1L << r.nextInt(f)) - 1));
            case 9 -> ((bias + r.nextInt(Math.min(64, (int) bias))) << f) | (frac & (-1L << r.nextInt(f)));
            case 10 -> ((1L + r.nextInt(3)) << f) | frac;
            case 11 -> ((bias + r.nextInt(4) - 2) << f) | (1L << (f - 1));
            default -> ((1 + r.nextLong(expMax - 1)) << f) | frac;
        };
        return sign | v;
    }

    /** Fills 32 V registers; some are small perturbations of others (cancellation, ties). */
    long[] vregs() {
        long[] v = new long[64];
        for (int i = 0; i < 64; i++) {
            v[i] = half64();
        }
        for (int k = 0; k < 12; k++) {
            int a = r.nextInt(32);
            int b = r.nextInt(32);
            int bits = r.nextInt(4);
            v[2 * a] = v[2 * b] ^ (bits == 0 ? 0 : r.nextLong() & ((1L << (bits * 3)) - 1));
            v[2 * a + 1] = v[2 * b + 1] ^ (r.nextInt(2) == 0 ? 0 : 1);
        }
        for (int k = 0; k < 6; k++) {
            tie(v, r.nextInt(32), r.nextInt(32));
        }
        return v;
    }

    /** Makes V[b] half an ulp (times a small odd factor) of V[a] in each double or float lane: ties. */
    void tie(long[] v, int a, int b) {
        boolean dbl = r.nextBoolean();
        for (int h = 0; h < 2; h++) {
            long x = v[2 * a + h];
            long y;
            if (dbl) {
                long e = (x >>> 52) & 0x7FF;
                int k = r.nextInt(10) < 7 ? 53 : 52 + r.nextInt(4);
                long ye = Math.max(0, e - k);
                y = (x & (1L << 63)) ^ (r.nextBoolean() ? 1L << 63 : 0) | ye << 52 | (r.nextInt(8) == 0 ? 1L << 51 : 0);
            } else {
                y = 0;
                for (int w = 0; w < 64; w += 32) {
                    long xf = (x >>> w) & 0xFFFF_FFFFL;
                    long e = (xf >>> 23) & 0xFF;
                    int k = r.nextInt(10) < 7 ? 24 : 23 + r.nextInt(4);
                    long ye = Math.max(0, e - k);
                    long yf = (xf & 0x8000_0000L) ^ (r.nextBoolean() ? 0x8000_0000L : 0) | ye << 23 | (r.nextInt(8) == 0 ? 1L << 22 : 0);
                    y |= yf << w;
                }
            }
            v[2 * b + h] = y;
        }
    }

    long[] xregs() {
        long[] x = new long[DiffCase.NX];
        for (int i = 0; i < x.length; i++) {
            x[i] = switch (r.nextInt(5)) {
                case 0 -> r.nextLong();
                case 1 -> r.nextInt(2001) - 1000;
                case 2 -> r.nextLong() >>> r.nextInt(64);
                case 3 -> half64();
                default -> 1L << r.nextInt(64);
            };
        }
        return x;
    }

    int fpcr() {
        int v = r.nextInt(4) << 22;
        if (r.nextInt(3) == 0) {
            v |= 1 << 24;
        }
        if (r.nextInt(4) == 0) {
            v |= 1 << 25;
        }
        if (r.nextInt(5) == 0) {
            v |= 1 << 26;
        }
        return v;
    }
}
