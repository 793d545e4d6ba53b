package org.emu4e.engine.api;

import java.util.Locale;

/** How a vCPU executes guest code: the block interpreter, or bytecode translation of hot blocks. */
public enum ExecMode {
    /** Decoded blocks, one handler call per instruction. */
    INTERP,
    /** Hot blocks translated to JVM bytecode (cpu.a64.jit); the rest interpreted. */
    JIT;

    /**
     * Parses {@code interp} or {@code jit} (any case).
     *
     * @throws IllegalArgumentException naming the value and what is accepted
     */
    public static ExecMode parse(String s) {
        return switch (s == null ? "" : s.toLowerCase(Locale.ROOT)) {
            case "interp" -> INTERP;
            case "jit" -> JIT;
            default -> throw new IllegalArgumentException("unknown execution mode '" + s + "' (use interp or jit)");
        };
    }
}
