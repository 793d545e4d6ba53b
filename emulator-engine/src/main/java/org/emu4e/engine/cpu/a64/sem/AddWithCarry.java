package org.emu4e.engine.cpu.a64.sem;

/**
 * ARM ARM pseudocode {@code AddWithCarry()} (J1.1): the sum and the NZCV flags it produces.
 * Flags are returned packed as in {@code CpuState.nzcv} (N=8, Z=4, C=2, V=1). Subtraction is
 * {@code x + NOT(y) + 1}, so callers pass {@code ~y} and carry 1. Pure; no side effects.
 */
public final class AddWithCarry {
    private AddWithCarry() { }

    /** 64-bit flags of {@code x + y + carry}. */
    public static int flags64(long x, long y, int carry) {
        long r = x + y + carry;
        int n = r < 0 ? 8 : 0;
        int z = r == 0 ? 4 : 0;
        boolean c = carry == 0 ? Long.compareUnsigned(r, x) < 0 : Long.compareUnsigned(r, x) <= 0;
        int v = ((x ^ r) & (y ^ r)) < 0 ? 1 : 0;
        return n | z | (c ? 2 : 0) | v;
    }

    /** 32-bit flags of {@code x + y + carry}. */
    public static int flags32(int x, int y, int carry) {
        long u = (x & 0xFFFF_FFFFL) + (y & 0xFFFF_FFFFL) + carry;
        long sgn = (long) x + (long) y + carry;
        int r = (int) u;
        int n = r < 0 ? 8 : 0;
        int z = r == 0 ? 4 : 0;
        int c = (u >>> 32) != 0 ? 2 : 0;
        int v = sgn != (long) r ? 1 : 0;
        return n | z | c | v;
    }

    /** Flags of a logical result (ANDS/BICS/TST): N and Z from the value, C = V = 0. */
    public static int logicFlags64(long r) {
        return (r < 0 ? 8 : 0) | (r == 0 ? 4 : 0);
    }

    public static int logicFlags32(int r) {
        return (r < 0 ? 8 : 0) | (r == 0 ? 4 : 0);
    }
}
