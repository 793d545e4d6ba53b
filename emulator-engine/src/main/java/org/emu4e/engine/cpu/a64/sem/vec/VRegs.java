package org.emu4e.engine.cpu.a64.sem.vec;

import org.emu4e.engine.cpu.a64.CpuState;

/**
 * Element access to the SIMD&FP register file (ARM ARM D1.2.2 "SIMD and floating-point
 * registers"; pseudocode V[], Elem[]). Element {@code i} of size {@code esize} bits (8..64)
 * lives at bit offset {@code i * esize} of the 128-bit register, little-endian across the
 * {@code vlo}/{@code vhi} halves.
 */
public final class VRegs {
    private VRegs() { }

    public static long mask(int esize) { return esize == 64 ? -1L : (1L << esize) - 1; }

    public static long get(CpuState s, int reg, int index, int esize) {
        int bit = index * esize;
        long half = bit < 64 ? s.vlo[reg] : s.vhi[reg];
        return (half >>> (bit & 63)) & mask(esize);
    }

    /** Sign-extended element. */
    public static long getS(CpuState s, int reg, int index, int esize) {
        long v = get(s, reg, index, esize);
        return (v << (64 - esize)) >> (64 - esize);
    }

    public static void set(CpuState s, int reg, int index, int esize, long value) {
        int bit = index * esize;
        long m = mask(esize) << (bit & 63);
        long v = (value << (bit & 63)) & m;
        if (bit < 64) {
            s.vlo[reg] = (s.vlo[reg] & ~m) | v;
        } else {
            s.vhi[reg] = (s.vhi[reg] & ~m) | v;
        }
    }

    /** Writes a scalar of {@code esize} bits to V[reg], zeroing the rest of the register. */
    public static void setScalar(CpuState s, int reg, int esize, long value) {
        s.vlo[reg] = value & mask(esize);
        s.vhi[reg] = 0;
    }

    /** Writes a 64-bit vector result (upper half cleared) or a 128-bit one. */
    public static void setVec(CpuState s, int reg, long lo, long hi, boolean q) {
        s.vlo[reg] = lo;
        s.vhi[reg] = q ? hi : 0;
    }
}
