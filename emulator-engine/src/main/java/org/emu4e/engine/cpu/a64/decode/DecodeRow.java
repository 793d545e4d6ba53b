package org.emu4e.engine.cpu.a64.decode;

/**
 * One encoding of the A64 decode table: a row name as the ARM ARM's encoding title
 * (e.g. {@code ADD_imm}), a fixed-bit mask/value, the handler, the ARM ARM group it
 * belongs to, and how it ends a translation block ({@link BlockEnd}). {@code reserved} holds
 * mask/value pairs of words inside the pattern that the row does not decode (reserved field
 * values the ARM ARM marks unallocated, e.g. size = 0b11 with Q = 0); {@code pattern} is the
 * 32-letter pattern, most significant bit first, whose letters name the fields.
 */
public record DecodeRow(String name, int mask, int value, Handler handler, String group, BlockEnd end,
        String pattern, int[] reserved) {
    private static final int[] NONE = new int[0];

    public boolean matches(int insn) {
        if ((insn & mask) != value) {
            return false;
        }
        for (int k = 0; k < reserved.length; k += 2) {
            if ((insn & reserved[k]) == reserved[k + 1]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a 32-character pattern, most significant bit first: {@code 0}/{@code 1} are
     * fixed bits, any other letter is a field bit. Spaces and underscores are ignored.
     */
    public static DecodeRow of(String name, String pattern, Handler h, String group, BlockEnd end) {
        // one pass, no intermediate strings: the table parses every row at start-up
        char[] p = new char[32];
        int n = 0;
        int mask = 0;
        int value = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == ' ' || c == '_') {
                continue;
            }
            if (n == 32) {
                n++;
                break;
            }
            int bit = 31 - n;
            p[n++] = c;
            if (c == '0' || c == '1') {
                mask |= 1 << bit;
                value |= (c - '0') << bit;
            }
        }
        if (n != 32) {
            throw new IllegalArgumentException(name + ": pattern has " + (n > 32 ? "over 32" : n) + " bits: " + pattern);
        }
        return new DecodeRow(name, mask, value, h, group, end, new String(p), NONE);
    }

    /**
     * This row without the words whose field bits, the pattern's bits lettered with any of
     * {@code letters} taken most significant first, equal {@code fieldValue}: {@code
     * reserving("qz", 0b011)} on {@code 0q001110 zz1...} drops Q = 0 with size = 0b11.
     */
    public DecodeRow reserving(String letters, int fieldValue) {
        int m = 0;
        for (int i = 0; i < 32; i++) {
            if (letters.indexOf(pattern.charAt(i)) >= 0) {
                m |= 1 << (31 - i);
            }
        }
        int n = Integer.bitCount(m);
        if (n == 0 || fieldValue >>> n != 0) {
            throw new IllegalArgumentException(name + ": no field " + letters + " of " + n + " bits for " + fieldValue);
        }
        int v = Integer.expand(fieldValue, m);
        int[] r = java.util.Arrays.copyOf(reserved, reserved.length + 2);
        r[reserved.length] = m;
        r[reserved.length + 1] = v;
        return new DecodeRow(name, mask, value, handler, group, end, pattern, r);
    }
}
