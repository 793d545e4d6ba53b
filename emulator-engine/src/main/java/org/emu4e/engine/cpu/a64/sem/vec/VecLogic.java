package org.emu4e.engine.cpu.a64.sem.vec;

/**
 * AdvSIMD three-same logical operations on one 64-bit half of the registers (C7.2 AND, BIC,
 * ORR, ORN, EOR, BSL, BIT, BIF: U:size selects the operation). Used by the interpreter's
 * handler and by translated code alike.
 */
public final class VecLogic {
    private VecLogic() { }

    /** {@code op} = U:size (0..7); {@code d} the destination's old half, {@code a} Vn's, {@code b} Vm's. */
    public static long half(int op, long d, long a, long b) {
        return switch (op) {
            case 0 -> a & b;
            case 1 -> a & ~b;
            case 2 -> a | b;
            case 3 -> a | ~b;
            case 4 -> a ^ b;
            case 5 -> (d & a) | (~d & b);
            case 6 -> (b & a) | (~b & d);
            default -> (~b & a) | (b & d);
        };
    }
}
