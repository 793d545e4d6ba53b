package org.emu4e.engine.cpu.a64.sem;

/**
 * Register shifts and extends: ARM ARM pseudocode {@code ShiftReg()} and
 * {@code ExtendReg()} (C6.2, J1.1). 32-bit forms take and return the value in the low 32 bits
 * (upper bits of the result are zero). Pure.
 */
public final class Shifts {
    public static final int LSL = 0;
    public static final int LSR = 1;
    public static final int ASR = 2;
    public static final int ROR = 3;

    private Shifts() { }

    public static long shift64(long v, int type, int amount) {
        return switch (type) {
            case LSL -> v << amount;
            case LSR -> v >>> amount;
            case ASR -> v >> amount;
            default -> Long.rotateRight(v, amount);
        };
    }

    /** 32-bit shift; {@code amount} in 0..31. */
    public static int shift32(int v, int type, int amount) {
        return switch (type) {
            case LSL -> v << amount;
            case LSR -> v >>> amount;
            case ASR -> v >> amount;
            default -> Integer.rotateRight(v, amount);
        };
    }

    /**
     * {@code ExtendReg(m, option, shift)} for a 64-bit result: option 0..7 = UXTB, UXTH, UXTW,
     * UXTX, SXTB, SXTH, SXTW, SXTX; shift 0..4.
     */
    public static long extend(long v, int option, int shift) {
        long e = switch (option) {
            case 0 -> v & 0xFF;
            case 1 -> v & 0xFFFF;
            case 2 -> v & 0xFFFF_FFFFL;
            case 4 -> (byte) v;
            case 5 -> (short) v;
            case 6 -> (int) v;
            default -> v;
        };
        return e << shift;
    }
}
