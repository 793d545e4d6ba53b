package org.emu4e.engine.cpu.a64.insn.branch;

import org.emu4e.engine.cpu.a64.decode.DecodeTable;

/** Decode rows of the ARM ARM group "Branches (C4.1.66 branch parts)". */
public final class BranchGroup {
    private BranchGroup() { }

    public static DecodeTable table() {
        DecodeTable t = new DecodeTable("Branches (C4.1.66 branch parts)");
        return t;
    }
}
