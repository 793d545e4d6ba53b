package org.emu4e.engine.cpu.a64.decode;

/**
 * How an instruction ends a translation block: a column of the decode table, so the block
 * builder and the translator read it from the decoded row. Only rows of the ARM ARM group
 * "Branches, Exception Generating and System instructions" (C4.1, op0 = 0b101x) end a block;
 * every other row is {@link #FALL_THROUGH}. A block's end is the column of its last row.
 */
public enum BlockEnd {
    /**
     * C4.1.66 "Unconditional branch (immediate)", "Conditional branch (immediate)", "Compare and
     * branch (immediate)", "Test and branch (immediate)": the successor is known from the PC
     * and the instruction; chainable.
     */
    DIRECT_BRANCH,
    /**
     * BR, BLR, RET (C4.1.66 "Unconditional branch (register)", opc 0..2): the successor comes
     * from a register; looked up again.
     */
    INDIRECT_BRANCH,
    /**
     * Exception generation, ERET/DRPS, system instructions (MSR, SYS, barriers, hints, TLBI,
     * WFI), and unallocated encodings (UNDEFINED, C4.1: they always take an exception): they
     * may change the translation regime, the exception level or the interrupt masks, so control
     * returns to the dispatcher and the next block is looked up from scratch.
     */
    SYSTEM,
    /**
     * The instruction goes on to the next one; a block whose last row has this column reached
     * the end of its 4 KiB page or the length limit.
     */
    FALL_THROUGH;

    /** True if an instruction with this column is the last of its block. */
    public boolean endsBlock() {
        return this != FALL_THROUGH;
    }
}
