package org.emu4e.engine.cpu.a64.tb;

/**
 * How a translation block ends: the small closed set of block exits the interpreter (and,
 * later, the bytecode translator) handles. Decided from the last instruction's encoding
 * (ARM ARM C4.1 "A64 instruction set encoding", group "Branches, Exception Generating and
 * System instructions", op0 = 0b101x).
 */
public enum BlockEnd {
    /** B, BL, B.cond, CBZ/CBNZ, TBZ/TBNZ: the successor is known from the PC; chainable. */
    DIRECT_BRANCH,
    /** BR, BLR, RET: the successor comes from a register; looked up again. */
    INDIRECT_BRANCH,
    /**
     * Exception generation, ERET, system instructions (MSR, SYS, barriers, hints, TLBI, WFI):
     * they may change the translation regime, the exception level or the interrupt masks, so
     * control returns to the dispatcher and the next block is looked up from scratch.
     */
    SYSTEM,
    /** The block reached the end of its 4 KiB page or the length limit; falls through. */
    FALL_THROUGH;

    /** True if {@code insn} ends a block (it is in the branch/exception/system group). */
    public static boolean endsBlock(int insn) {
        return (insn & 0x1C00_0000) == 0x1400_0000;
    }

    /** Classifies a block-ending instruction (one for which {@link #endsBlock} holds). */
    public static BlockEnd of(int insn) {
        if ((insn & 0x7C00_0000) == 0x1400_0000      // B, BL (C4.1.65 unconditional branch (immediate))
                || (insn & 0x7E00_0000) == 0x3400_0000  // CBZ, CBNZ
                || (insn & 0x7E00_0000) == 0x3600_0000  // TBZ, TBNZ
                || (insn & 0xFE00_0000) == 0x5400_0000) { // B.cond
            return DIRECT_BRANCH;
        }
        if ((insn & 0xFE00_0000) == 0xD600_0000) {
            // Unconditional branch (register): BR/BLR/RET are opc 0..2; ERET/DRPS (opc 4/5)
            // change PSTATE and go back to the dispatcher.
            int opc = (insn >>> 21) & 0xF;
            return opc <= 2 ? INDIRECT_BRANCH : SYSTEM;
        }
        return SYSTEM;
    }
}
