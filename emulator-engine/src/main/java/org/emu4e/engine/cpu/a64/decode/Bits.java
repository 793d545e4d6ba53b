package org.emu4e.engine.cpu.a64.decode;

/** Field extraction helpers for A64 encodings. */
public final class Bits {
    private Bits() { }

    /** Unsigned field of {@code len} bits starting at bit {@code lo}. */
    public static int u(int insn, int lo, int len) {
        return (insn >>> lo) & ((1 << len) - 1);
    }

    /** Sign-extended field of {@code len} bits starting at bit {@code lo}. */
    public static long s(int insn, int lo, int len) {
        return ((long) insn << (64 - lo - len)) >> (64 - len);
    }

    public static int bit(int insn, int n) {
        return (insn >>> n) & 1;
    }

    public static int rd(int insn) { return insn & 31; }

    public static int rn(int insn) { return (insn >>> 5) & 31; }

    public static int rt2(int insn) { return (insn >>> 10) & 31; }

    public static int rm(int insn) { return (insn >>> 16) & 31; }

    public static boolean sf(int insn) { return insn < 0; }
}
