package org.emu4e.engine.cpu.a64.insn.simd;

import org.emu4e.engine.cpu.a64.decode.DecodeTable;

/** Decode rows of the Advanced SIMD part of C4.1.69. */
final class AdvSimdRows {
    private AdvSimdRows() { }

    static void add(DecodeTable t) {
    }
}
