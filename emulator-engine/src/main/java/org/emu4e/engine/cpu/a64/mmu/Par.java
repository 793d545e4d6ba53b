package org.emu4e.engine.cpu.a64.mmu;

/** PAR_EL1 values written by AT instructions (ARM ARM D17.2.109). */
final class Par {
    private Par() { }

    /** F = 0: PA[47:12], ATTR[63:56], SH[8:7], NS[9]; bit 11 RES1. */
    static long success(long pa, int attr, int sh, boolean ns) {
        return ((long) attr << 56) | (pa & 0x0000_FFFF_FFFF_F000L) | (1L << 11) | (ns ? 1L << 9 : 0) | ((long) sh << 7);
    }

    /** F = 1: FST[6:1], PTW[8] (walk abort), S[9] = 0 (stage 1); bit 11 RES1. */
    static long fault(int fsc, boolean walkAbort) {
        return 1L | ((long) (fsc & 0x3F) << 1) | (1L << 11);
    }
}
