package org.emu4e.engine.cpu.a64.insn.ldst;

import org.emu4e.engine.cpu.a64.decode.DecodeTable;

/** Decode rows of the ARM ARM group "Loads and stores, general registers (C4.1.67)". */
public final class LoadStoreGroup {
    private LoadStoreGroup() { }

    public static DecodeTable table() {
        DecodeTable t = new DecodeTable("Loads and stores, general registers (C4.1.67)");
        return t;
    }
}
