package org.emu4e.engine.cpu.sys;

/**
 * Set-up code for the self-hosted debug tests: assembler snippets that unlock the OS lock and
 * turn on MDSCR_EL1 bits, and the register values the tests use.
 */
final class DebugRig {
    /** MDSCR_EL1.SS, KDE, MDE. */
    static final int SS = 1;
    static final int KDE = 1 << 13;
    static final int MDE = 1 << 15;
    /** DBGBCR: enabled, PMC = EL1 and EL0, BAS = 0b1111 (an A64 instruction). */
    static final int BCR_EL1_EL0 = 1 | (3 << 1) | (0xF << 5);
    /** EC 0x31 (same EL), IL, IFSC "debug exception". */
    static final long ESR_BKPT_SAME = 0xC600_0022L;
    static final long ESR_BKPT_LOWER = 0xC200_0022L;

    private DebugRig() { }

    /** At EL1: OS lock off, MDSCR_EL1 = {@code mdscr}, PSTATE.D clear, ISB. Uses x28. */
    static String enable(int mdscr) {
        return "msr oslar_el1, xzr\n"
                + " mov x28, #" + mdscr + "\n"
                + " msr mdscr_el1, x28\n"
                + " msr daifclr, #8\n"
                + " isb\n";
    }

    static SysRig el1(String code) {
        SysRig rig = new SysRig().load(code);
        rig.cpu().sys().vbar[1] = SysRig.VECTORS;
        return rig;
    }
}
