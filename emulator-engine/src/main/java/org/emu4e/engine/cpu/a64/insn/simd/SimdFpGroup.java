package org.emu4e.engine.cpu.a64.insn.simd;

import org.emu4e.engine.cpu.a64.decode.DecodeTable;

/** Decode rows of the ARM ARM group "Data processing -- scalar floating-point and Advanced SIMD (C4.1.69)". */
public final class SimdFpGroup {
    private SimdFpGroup() { }

    public static DecodeTable table() {
        DecodeTable t = new DecodeTable("Data processing -- scalar floating-point and Advanced SIMD (C4.1.69)");
        return t;
    }
}
