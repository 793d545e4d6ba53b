package org.emu4e.engine.cpu.a64.insn.dpimm;

import org.emu4e.engine.cpu.a64.decode.DecodeTable;

/** Decode rows of the ARM ARM group "Data processing -- immediate (C4.1.65)". */
public final class DpImmediateGroup {
    private DpImmediateGroup() { }

    public static DecodeTable table() {
        DecodeTable t = new DecodeTable("Data processing -- immediate (C4.1.65)");
        return t;
    }
}
