package org.emu4e.engine.cpu.a64.insn.simdldst;

import org.emu4e.engine.cpu.a64.decode.DecodeTable;

/** Decode rows of the ARM ARM group "Loads and stores of SIMD&FP registers (C4.1.67, V=1)". */
public final class SimdLoadStoreGroup {
    private SimdLoadStoreGroup() { }

    public static DecodeTable table() {
        DecodeTable t = new DecodeTable("Loads and stores of SIMD&FP registers (C4.1.67, V=1)");
        return t;
    }
}
