package org.emu4e.engine.cpu.a64.insn.branch;

import static org.emu4e.engine.cpu.a64.decode.BlockEnd.DIRECT_BRANCH;
import static org.emu4e.engine.cpu.a64.decode.BlockEnd.INDIRECT_BRANCH;

import org.emu4e.engine.cpu.a64.decode.DecodeTable;

/**
 * Decode rows of the ARM ARM group "Branches (C4.1.66 branch parts)": immediate, conditional,
 * compare-and-branch, test-and-branch and the BR/BLR/RET register branches. Exception
 * generation, system instructions, ERET and DRPS belong to the system group. A misaligned
 * target is not checked here: the PC alignment fault is raised by the next fetch. Every row
 * ends its block: the immediate forms as direct branches, BR/BLR/RET as indirect ones.
 */
public final class BranchGroup {
    private BranchGroup() { }

    public static DecodeTable table() {
        DecodeTable t = new DecodeTable("Branches (C4.1.66 branch parts)");
        // C4.1.66.5 Unconditional branch (immediate): op 00101 imm26
        t.add("B", DIRECT_BRANCH, "000101 xxxxxxxxxxxxxxxxxxxxxxxxxx", Branches::b);
        t.add("BL", DIRECT_BRANCH, "100101 xxxxxxxxxxxxxxxxxxxxxxxxxx", Branches::bl);
        // C4.1.66.1 Conditional branch (immediate): 0101010 o1=0 imm19 o0=0 cond
        t.add("B_cond", DIRECT_BRANCH, "0101010 0 xxxxxxxxxxxxxxxxxxx 0 xxxx", Branches::bCond);
        // C4.1.66.6 Compare and branch (immediate): sf 011010 op imm19 Rt
        t.add("CBZ", DIRECT_BRANCH, "x 011010 0 xxxxxxxxxxxxxxxxxxx xxxxx", Branches::cbz);
        t.add("CBNZ", DIRECT_BRANCH, "x 011010 1 xxxxxxxxxxxxxxxxxxx xxxxx", Branches::cbnz);
        // C4.1.66.7 Test and branch (immediate): b5 011011 op b40 imm14 Rt
        t.add("TBZ", DIRECT_BRANCH, "x 011011 0 xxxxx xxxxxxxxxxxxxx xxxxx", Branches::tbz);
        t.add("TBNZ", DIRECT_BRANCH, "x 011011 1 xxxxx xxxxxxxxxxxxxx xxxxx", Branches::tbnz);
        // C4.1.66.4 Unconditional branch (register): 1101011 opc op2=11111 op3=000000 Rn op4=00000
        t.add("BR", INDIRECT_BRANCH, "1101011 0000 11111 000000 xxxxx 00000", Branches::br);
        t.add("BLR", INDIRECT_BRANCH, "1101011 0001 11111 000000 xxxxx 00000", Branches::blr);
        t.add("RET", INDIRECT_BRANCH, "1101011 0010 11111 000000 xxxxx 00000", Branches::ret);
        return t;
    }
}
