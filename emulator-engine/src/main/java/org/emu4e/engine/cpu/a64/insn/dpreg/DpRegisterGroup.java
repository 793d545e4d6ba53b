package org.emu4e.engine.cpu.a64.insn.dpreg;

import org.emu4e.engine.cpu.a64.decode.DecodeTable;

/** Decode rows of the ARM ARM group "Data processing -- register (C4.1.68)". */
public final class DpRegisterGroup {
    private DpRegisterGroup() { }

    public static DecodeTable table() {
        DecodeTable t = new DecodeTable("Data processing -- register (C4.1.68)");
        return t;
    }
}
