package org.emu4e.engine.cpu.a64.decode;

/**
 * One encoding of the A64 decode table: a row name as the ARM ARM's encoding title
 * (e.g. {@code ADD_imm}), a fixed-bit mask/value, the handler, the ARM ARM group it
 * belongs to, and how it ends a translation block ({@link BlockEnd}).
 */
public record DecodeRow(String name, int mask, int value, Handler handler, String group, BlockEnd end) {
    public boolean matches(int insn) {
        return (insn & mask) == value;
    }

    /**
     * Parses a 32-character pattern, most significant bit first: {@code 0}/{@code 1} are
     * fixed bits, any other letter is a field bit. Spaces and underscores are ignored.
     */
    public static DecodeRow of(String name, String pattern, Handler h, String group, BlockEnd end) {
        String p = pattern.replace(" ", "").replace("_", "");
        if (p.length() != 32) {
            throw new IllegalArgumentException(name + ": pattern has " + p.length() + " bits: " + pattern);
        }
        int mask = 0;
        int value = 0;
        for (int i = 0; i < 32; i++) {
            char c = p.charAt(i);
            int bit = 31 - i;
            if (c == '0' || c == '1') {
                mask |= 1 << bit;
                if (c == '1') {
                    value |= 1 << bit;
                }
            }
        }
        return new DecodeRow(name, mask, value, h, group, end);
    }
}
