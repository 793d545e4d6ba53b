package org.emu4e.engine.cpu.a64.sem;

/**
 * CRC32B/H/W/X and CRC32CB/H/W/X (C6.2.x CRC32*): the bit-reflected CRC update with no
 * pre- or post-inversion, as the pseudocode's {@code BitReverse(Poly32Mod2(...))} works out.
 * Polynomials 0x04C11DB7 (CRC32) and 0x1EDC6F41 (CRC32C), table-driven in reflected form. Pure.
 */
public final class Crc32 {
    private static final int[] IEEE = table(0xEDB8_8320);
    private static final int[] CASTAGNOLI = table(0x82F6_3B78);

    private Crc32() { }

    /** Updates {@code acc} with the low {@code bytes} bytes of {@code value}, least significant first. */
    public static int update(int acc, long value, int bytes, boolean castagnoli) {
        int[] t = castagnoli ? CASTAGNOLI : IEEE;
        int crc = acc;
        for (int i = 0; i < bytes; i++) {
            crc = t[(crc ^ (int) (value >>> (8 * i))) & 0xFF] ^ (crc >>> 8);
        }
        return crc;
    }

    private static int[] table(int poly) {
        int[] t = new int[256];
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ poly : c >>> 1;
            }
            t[i] = c;
        }
        return t;
    }
}
