package org.emu4e.engine.cpu.a64.insn.simd;

import org.emu4e.engine.cpu.a64.decode.DecodeTable;
import org.emu4e.engine.cpu.a64.decode.Handler;

/**
 * Decode rows of the Advanced SIMD part of C4.1.69, one row per encoding class; the class
 * handler decodes opcode/size/U as the ARM ARM class table does and UNDEFs the gaps.
 */
final class AdvSimdRows {
    private AdvSimdRows() { }

    private static void row(DecodeTable t, String name, String pattern, Handler h) {
        t.add(name, pattern, FpAccess.guarded(h));
    }

    static void add(DecodeTable t) {
        row(t, "SIMD_three_same", "0qu01110 zz1 mmmmm ooooo1 nnnnn ddddd", ThreeSame::vector);
        row(t, "SIMD_scalar_three_same", "01u11110 zz1 mmmmm ooooo1 nnnnn ddddd", ThreeSame::scalar);
    }
}
