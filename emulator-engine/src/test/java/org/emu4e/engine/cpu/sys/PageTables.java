package org.emu4e.engine.cpu.sys;

/**
 * Builds stage 1 translation tables in a {@link SysRig}'s RAM (ARM ARM D8.3 "Translation
 * table descriptor formats") and the code that turns the EL1 MMU on.
 */
final class PageTables {
    static final long MAIR = 0x00FFL; // Attr0 Normal WB, Attr1 Device-nGnRnE
    static final int NORMAL = 0;
    static final int DEVICE = 1;
    // AP[2:1] values.
    static final int EL1_RW = 0;
    static final int EL0_RW = 1;
    static final int EL1_RO = 2;
    static final int EL0_RO = 3;
    static final long AF = 1L << 10;
    static final long NG = 1L << 11;
    static final long PXN = 1L << 53;
    static final long UXN = 1L << 54;

    private final SysRig rig;
    private long next;

    PageTables(SysRig rig, long tableArea) {
        this.rig = rig;
        this.next = tableArea;
    }

    /** Allocates a zeroed table of {@code bytes}. */
    long table(int bytes) {
        long t = next;
        for (int i = 0; i < bytes; i += 8) {
            rig.write64(t + i, 0);
        }
        next += bytes;
        return t;
    }

    long table() { return table(4096); }

    void set(long table, int index, long descriptor) {
        rig.write64(table + 8L * index, descriptor);
    }

    static long tableDesc(long next) { return next | 3; }

    static long block(long pa, int attr, int ap) {
        return pa | 1 | (attr << 2) | ((long) ap << 6) | (3 << 8) | AF;
    }

    static long page(long pa, int attr, int ap) {
        return block(pa, attr, ap) | 2;
    }

    /** TCR_EL1 for a 4K-granule TTBR0 region of 2^(64-t0sz) bytes, TTBR1 walks disabled, 40-bit IPS. */
    static long tcr4k(int t0sz) {
        return t0sz | (1 << 8) | (1 << 10) | (3 << 12) | (1L << 23) | (2L << 32);
    }

    /** Code (for {@link SysRig#load}) that programs MAIR/TCR/TTBR0 from x20..x22 and sets SCTLR_EL1.M/C/I. */
    static String enableMmu(long tcr, long ttbr0) {
        return """
                ldr x20, =%d
                ldr x21, =%d
                ldr x22, =%d
                msr mair_el1, x20
                msr tcr_el1, x21
                msr ttbr0_el1, x22
                isb
                mrs x23, sctlr_el1
                mov x24, #0x1005
                orr x23, x23, x24
                msr sctlr_el1, x23
                isb
                """.formatted(MAIR, tcr, ttbr0);
    }
}
