package org.emu4e.engine.cpu.a64.sem.vec;

/**
 * SHA-1 and SHA-256 acceleration (ARM ARM C7.2 SHA1C/P/M/H/SU0/SU1, SHA256H/H2/SU0/SU1;
 * pseudocode SHAchoose, SHAparity, SHAmajority, SHA256hash). Operands are 128-bit values
 * as int[4] with element 0 = bits [31:0].
 */
public final class Sha {
    private Sha() { }

    public static int[] words(long lo, long hi) {
        return new int[] {(int) lo, (int) (lo >>> 32), (int) hi, (int) (hi >>> 32)};
    }

    public static long lo(int[] w) { return (w[0] & 0xFFFF_FFFFL) | ((long) w[1] << 32); }

    public static long hi(int[] w) { return (w[2] & 0xFFFF_FFFFL) | ((long) w[3] << 32); }

    static int choose(int x, int y, int z) { return ((y ^ z) & x) ^ z; }

    static int parity(int x, int y, int z) { return x ^ y ^ z; }

    static int majority(int x, int y, int z) { return (x & y) | ((x | y) & z); }

    /** SHA1C (op 0), SHA1P (1), SHA1M (2): four rounds; x = V[d], y = S[n], w = V[m]. */
    public static int[] sha1Hash(int[] x, int y, int[] w, int op) {
        x = x.clone();
        for (int e = 0; e < 4; e++) {
            int t = switch (op) {
                case 0 -> choose(x[1], x[2], x[3]);
                case 1 -> parity(x[1], x[2], x[3]);
                default -> majority(x[1], x[2], x[3]);
            };
            y = y + Integer.rotateLeft(x[0], 5) + t + w[e];
            x[1] = Integer.rotateLeft(x[1], 30);
            int top = x[3];
            x[3] = x[2];
            x[2] = x[1];
            x[1] = x[0];
            x[0] = y;
            y = top;
        }
        return x;
    }

    public static int[] sha1su0(int[] d, int[] n, int[] m) {
        int[] r = {d[2], d[3], n[0], n[1]};
        for (int i = 0; i < 4; i++) {
            r[i] ^= d[i] ^ m[i];
        }
        return r;
    }

    public static int[] sha1su1(int[] d, int[] n) {
        int[] t = {d[0] ^ n[1], d[1] ^ n[2], d[2] ^ n[3], d[3]};
        int w0 = Integer.rotateLeft(t[0], 1);
        int w1 = Integer.rotateLeft(t[1], 1);
        int w2 = Integer.rotateLeft(t[2], 1);
        int w3 = Integer.rotateLeft(t[3], 1) ^ Integer.rotateLeft(t[0], 2);
        return new int[] {w0, w1, w2, w3};
    }

    static int sigma0(int x) { return Integer.rotateRight(x, 2) ^ Integer.rotateRight(x, 13) ^ Integer.rotateRight(x, 22); }

    static int sigma1(int x) { return Integer.rotateRight(x, 6) ^ Integer.rotateRight(x, 11) ^ Integer.rotateRight(x, 25); }

    /** SHA256hash(X, Y, W, part1). */
    public static int[] sha256Hash(int[] x0, int[] y0, int[] w, boolean part1) {
        int[] x = x0.clone();
        int[] y = y0.clone();
        for (int e = 0; e < 4; e++) {
            int chs = choose(y[0], y[1], y[2]);
            int maj = majority(x[0], x[1], x[2]);
            int t = y[3] + sigma1(y[0]) + chs + w[e];
            x[3] = t + x[3];
            y[3] = t + sigma0(x[0]) + maj;
            int xTop = x[3];
            int yTop = y[3];
            x[3] = x[2];
            x[2] = x[1];
            x[1] = x[0];
            x[0] = yTop;
            y[3] = y[2];
            y[2] = y[1];
            y[1] = y[0];
            y[0] = xTop;
        }
        return part1 ? x : y;
    }

    public static int[] sha256su0(int[] d, int[] n) {
        int[] t = {d[1], d[2], d[3], n[0]};
        int[] r = new int[4];
        for (int e = 0; e < 4; e++) {
            int elt = t[e];
            elt = Integer.rotateRight(elt, 7) ^ Integer.rotateRight(elt, 18) ^ (elt >>> 3);
            r[e] = elt + d[e];
        }
        return r;
    }

    public static int[] sha256su1(int[] d, int[] n, int[] m) {
        int[] t0 = {n[1], n[2], n[3], m[0]};
        int[] r = new int[4];
        int[] t1 = {m[2], m[3]};
        for (int e = 0; e < 4; e++) {
            int elt = e < 2 ? t1[e] : r[e - 2];
            elt = Integer.rotateRight(elt, 17) ^ Integer.rotateRight(elt, 19) ^ (elt >>> 10);
            r[e] = elt + d[e] + t0[e];
        }
        return r;
    }
}
