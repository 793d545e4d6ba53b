package org.emu4e.engine.cpu.a64.insn.system;

import org.emu4e.engine.cpu.a64.decode.DecodeTable;

/** Decode rows of the ARM ARM group "Branches, exception generating and system instructions (C4.1.66 exception/system parts)". */
public final class SystemGroup {
    private SystemGroup() { }

    public static DecodeTable table() {
        DecodeTable t = new DecodeTable("Branches, exception generating and system instructions (C4.1.66 exception/system parts)");
        return t;
    }
}
