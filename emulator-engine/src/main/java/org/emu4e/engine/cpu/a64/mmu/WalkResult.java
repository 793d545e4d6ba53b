package org.emu4e.engine.cpu.a64.mmu;

/**
 * Outcome of one stage 1 table walk: either a translation (output address, the level and
 * size of the entry, its attributes and the permissions it grants) or a fault status code
 * ({@link #fsc} >= 0, a DFSC/IFSC value including the level).
 */
final class WalkResult {
    /** Physical address of the translated VA. */
    long pa;
    /** Level of the final descriptor (block or page), 0..3. */
    int level;
    /** log2 of the block/page size. */
    int blockShift;
    /** Permission bits, see {@link Mmu#R0} etc. */
    int perms;
    /** MAIR attribute byte of the entry. */
    int attr;
    /** SH[1:0] of the entry. */
    int sh;
    boolean global;
    boolean device;
    /** Top byte ignored for this VA's region. */
    boolean tbi;
    /** ASID the entry belongs to (meaningful when !global). */
    int asid;
    /** Fault status (DFSC/IFSC) or -1. */
    int fsc;
    /** True if the fault came from a descriptor read (synchronous external abort on walk). */
    boolean walkAbort;

    boolean faulted() { return fsc >= 0; }

    void fault(int type, int lvl) {
        fsc = type | lvl;
        level = lvl;
    }
}
