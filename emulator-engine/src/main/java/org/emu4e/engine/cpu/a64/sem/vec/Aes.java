package org.emu4e.engine.cpu.a64.sem.vec;

/**
 * AES round primitives for AESE/AESD/AESMC/AESIMC (ARM ARM shared/functions/crypto:
 * AESSubBytes, AESShiftRows, AESMixColumns and inverses). The 128-bit state is 16 bytes,
 * byte i = bits [8i+7:8i], column-major (row r, column c is byte 4c + r). The S-boxes are
 * computed at class initialisation from the GF(2^8) inverse and the FIPS-197 affine map.
 */
public final class Aes {
    private Aes() { }

    private static final int[] SBOX = new int[256];
    private static final int[] INV_SBOX = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int inv = i == 0 ? 0 : inverse(i);
            int s = inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^ rotl8(inv, 4) ^ 0x63;
            SBOX[i] = s;
            INV_SBOX[s] = i;
        }
    }

    private static int rotl8(int x, int n) { return ((x << n) | (x >>> (8 - n))) & 0xFF; }

    /** Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1. */
    static int mul(int a, int b) {
        int r = 0;
        while (b != 0) {
            if ((b & 1) != 0) {
                r ^= a;
            }
            a = (a << 1) ^ ((a & 0x80) != 0 ? 0x11B : 0);
            b >>>= 1;
        }
        return r & 0xFF;
    }

    private static int inverse(int a) {
        // a^254 = a^-1 in GF(2^8).
        int r = 1;
        int p = a;
        for (int e = 254; e != 0; e >>>= 1) {
            if ((e & 1) != 0) {
                r = mul(r, p);
            }
            p = mul(p, p);
        }
        return r;
    }

    private static int[] bytes(long lo, long hi) {
        int[] b = new int[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (int) (lo >>> (8 * i)) & 0xFF;
            b[i + 8] = (int) (hi >>> (8 * i)) & 0xFF;
        }
        return b;
    }

    private static long[] pack(int[] b) {
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < 8; i++) {
            lo |= (long) b[i] << (8 * i);
            hi |= (long) b[i + 8] << (8 * i);
        }
        return new long[] {lo, hi};
    }

    /** AESE: SubBytes(ShiftRows(state)) on state = d EOR n; returns {lo, hi}. */
    public static long[] encryptRound(long lo, long hi) {
        int[] s = bytes(lo, hi);
        int[] r = new int[16];
        for (int c = 0; c < 4; c++) {
            for (int row = 0; row < 4; row++) {
                r[4 * c + row] = SBOX[s[4 * ((c + row) & 3) + row]];
            }
        }
        return pack(r);
    }

    /** AESD: InvSubBytes(InvShiftRows(state)). */
    public static long[] decryptRound(long lo, long hi) {
        int[] s = bytes(lo, hi);
        int[] r = new int[16];
        for (int c = 0; c < 4; c++) {
            for (int row = 0; row < 4; row++) {
                r[4 * c + row] = INV_SBOX[s[4 * ((c - row) & 3) + row]];
            }
        }
        return pack(r);
    }

    /** AESMC (inverse = false) and AESIMC (inverse = true). */
    public static long[] mixColumns(long lo, long hi, boolean inverse) {
        int[] s = bytes(lo, hi);
        int[] m = inverse ? new int[] {14, 11, 13, 9} : new int[] {2, 3, 1, 1};
        int[] r = new int[16];
        for (int c = 0; c < 4; c++) {
            for (int row = 0; row < 4; row++) {
                int v = 0;
                for (int k = 0; k < 4; k++) {
                    v ^= mul(m[(k - row) & 3], s[4 * c + k]);
                }
                r[4 * c + row] = v;
            }
        }
        return pack(r);
    }
}
