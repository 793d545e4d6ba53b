package org.emu4e.engine.cpu.sys;

import static org.emu4e.engine.cpu.sys.PageTables.block;
import static org.emu4e.engine.cpu.sys.PageTables.page;
import static org.emu4e.engine.cpu.sys.PageTables.tableDesc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emu4e.engine.cpu.a64.GuestException;
import org.junit.jupiter.api.Test;

/**
 * Stage 1 translation with tables built by the test: a 39-bit, 4K-granule TTBR0 region
 * starting at level 1. RAM is identity-mapped with 2 MB blocks (the first one, holding code,
 * read-only for EL0 and EL1), except the 2 MB at
 * {@link SysRig#DATA}, which has 4K pages with one special case per page index.
 */
class MmuTest {
    static final long PT = SysRig.RAM_BASE + 0x20_0000;
    static final long REMAP_PA = SysRig.DATA + 0x10_0000;
    static final long REMAPPED = SysRig.DATA + 0x1000;
    static final long UNMAPPED = SysRig.DATA + 0x2000;
    static final long NO_AF = SysRig.DATA + 0x3000;
    static final long EL1_RO = SysRig.DATA + 0x4000;
    static final long EL0_RW = SysRig.DATA + 0x5000;
    static final long EL0_RO = SysRig.DATA + 0x6000;
    static final long TOO_HIGH = SysRig.DATA + 0x7000;
    static final long DEVICE = SysRig.DATA + 0x8000;
    static final long HOLE_L2 = 0x4500_0000L;

    long l3;

    /** Builds the tables; returns code that enables the MMU with them. */
    String standardTables(SysRig rig) {
        PageTables pt = new PageTables(rig, PT);
        long l1 = pt.table();
        long l2 = pt.table();
        l3 = pt.table();
        pt.set(l1, 1, tableDesc(l2));
        for (int i = 0; i < 32; i++) {
            pt.set(l2, i, block(SysRig.RAM_BASE + ((long) i << 21), PageTables.NORMAL, PageTables.EL1_RW));
        }
        // Code, literal pools and vectors: readable and executable at EL0 and EL1, writable by neither.
        pt.set(l2, 0, block(SysRig.RAM_BASE, PageTables.NORMAL, PageTables.EL0_RO));
        pt.set(l2, 4, tableDesc(l3));
        for (int j = 0; j < 512; j++) {
            pt.set(l3, j, page(SysRig.DATA + ((long) j << 12), PageTables.NORMAL, PageTables.EL1_RW));
        }
        pt.set(l3, 1, page(REMAP_PA, PageTables.NORMAL, PageTables.EL1_RW));
        pt.set(l3, 2, 0);
        pt.set(l3, 3, page(NO_AF, PageTables.NORMAL, PageTables.EL1_RW) & ~PageTables.AF);
        pt.set(l3, 4, page(EL1_RO, PageTables.NORMAL, PageTables.EL1_RO));
        pt.set(l3, 5, page(EL0_RW, PageTables.NORMAL, PageTables.EL0_RW));
        pt.set(l3, 6, page(EL0_RO, PageTables.NORMAL, PageTables.EL0_RO));
        pt.set(l3, 7, page(1L << 41, PageTables.NORMAL, PageTables.EL1_RW));
        pt.set(l3, 8, page(DEVICE, PageTables.DEVICE, PageTables.EL1_RW));
        rig.cpu().sys().vbar[1] = SysRig.VECTORS;
        return PageTables.enableMmu(PageTables.tcr4k(25), l1);
    }

    private SysRig mmuOn(String code) {
        SysRig rig = new SysRig();
        rig.load(standardTables(rig) + code);
        return rig;
    }

    /** Runs until the first exception (PC at a vector) or the end; returns the rig. */
    private static SysRig runToException(SysRig rig) {
        for (int i = 0; i < 1000 && rig.s().pc != rig.codeEnd; i++) {
            rig.cpu().run(1);
            if ((rig.s().pc & ~0x7FFL) == SysRig.VECTORS) {
                break;
            }
        }
        return rig;
    }

    private static void assertDataAbort(SysRig rig, int dfsc, long far, boolean write) {
        assertEquals(GuestException.EC_DABORT_SAME, rig.ec(1), "EC");
        assertEquals(dfsc, rig.iss(1) & 0x3F, "DFSC");
        assertEquals(write, (rig.iss(1) & (1 << 6)) != 0, "WnR");
        assertEquals(far, rig.cpu().sys().far[1], "FAR");
        assertEquals(SysRig.VECTORS + 0x200, rig.s().pc);
    }

    @Test
    void identityAndRemappedPagesTranslate() {
        SysRig rig = new SysRig();
        rig.write64(REMAP_PA + 8, 0xABCDL);
        rig.load(standardTables(rig) + """
                ldr x0, =%d
                ldr x1, [x0, #8]
                mov x2, #0x55
                str x2, [x0, #16]
                ldr x3, =%d
                ldr x4, [x3]
                """.formatted(REMAPPED, SysRig.DATA + 0x1_0000));
        rig.write64(SysRig.DATA + 0x1_0000, 77);
        assertEquals(null, rig.run());
        assertEquals(0xABCDL, rig.s().x[1]);
        assertEquals(0x55, rig.read64(REMAP_PA + 16));
        assertEquals(77, rig.s().x[4]);
    }

    @Test
    void unmappedPageIsALevel3TranslationFault() {
        SysRig rig = runToException(mmuOn("ldr x0, =%d\n str x1, [x0, #0x18]".formatted(UNMAPPED)));
        assertDataAbort(rig, 0x07, UNMAPPED + 0x18, true);
    }

    @Test
    void faultsReportTheLevelWhereTheWalkStopped() {
        SysRig rig = runToException(mmuOn("ldr x0, =%d\n ldr x1, [x0]".formatted(HOLE_L2 + 0x5000)));
        assertDataAbort(rig, 0x06, HOLE_L2 + 0x5000, false);
        rig = runToException(mmuOn("ldr x0, =0x1000\n ldr x1, [x0]"));
        assertDataAbort(rig, 0x05, 0x1000, false);
        rig = runToException(mmuOn("ldr x0, =0x8000000000\n ldr x1, [x0]"));
        assertDataAbort(rig, 0x04, 0x80_0000_0000L, false);
    }

    @Test
    void missingAccessFlagIsAnAccessFlagFault() {
        SysRig rig = runToException(mmuOn("ldr x0, =%d\n ldr x1, [x0]".formatted(NO_AF)));
        assertDataAbort(rig, 0x0B, NO_AF, false);
    }

    @Test
    void writeToReadOnlyPageIsAPermissionFault() {
        SysRig rig = runToException(mmuOn("ldr x0, =%d\n ldr x1, [x0]\n str x1, [x0]".formatted(EL1_RO)));
        assertDataAbort(rig, 0x0F, EL1_RO, true);
    }

    @Test
    void outputAddressBeyondThePhysicalRangeIsAnAddressSizeFault() {
        SysRig rig = runToException(mmuOn("ldr x0, =%d\n ldr x1, [x0]".formatted(TOO_HIGH)));
        assertDataAbort(rig, 0x03, TOO_HIGH, false);
    }

    @Test
    void unalignedAccessFaultsOnDeviceMemoryOnly() {
        SysRig rig = runToException(mmuOn("ldr x0, =%d\n ldr x1, [x0, #3]\n ldr x0, =%d\n ldr x1, [x0, #3]"
                .formatted(SysRig.DATA + 0x9000, DEVICE)));
        assertDataAbort(rig, 0x21, DEVICE + 3, false);
    }

    @Test
    void el0PermissionsFollowApBits() {
        SysRig rig = new SysRig();
        String enable = standardTables(rig);
        rig.place(SysRig.VECTORS + 0x400, "mrs x10, esr_el1\n mrs x11, far_el1\n mrs x12, elr_el1\n add x12, x12, #4\n msr elr_el1, x12\n add x13, x13, #1\n eret");
        rig.load(enable + """
                adr x1, user
                msr elr_el1, x1
                msr spsr_el1, xzr
                eret
                user:
                ldr x0, =%d
                str x0, [x0]
                ldr x2, =%d
                ldr x3, [x2]
                str x3, [x2]
                """.formatted(EL0_RW, EL0_RO));
        assertEquals(null, rig.run());
        assertEquals(EL0_RW, rig.read64(EL0_RW), "EL0 store to EL0 RW page");
        assertEquals(1, rig.s().x[13], "one fault: the store to the read-only page");
        assertEquals(((long) GuestException.EC_DABORT_LOWER << 26) | (1L << 25) | (1 << 6) | 0x0F, rig.s().x[10]);
        assertEquals(EL0_RO, rig.s().x[11]);
    }

    @Test
    void el0AccessToPrivilegedBlockIsALevel2PermissionFault() {
        SysRig rig = new SysRig();
        String enable = standardTables(rig);
        rig.load(enable + """
                adr x1, user
                msr elr_el1, x1
                msr spsr_el1, xzr
                eret
                user:
                ldr x0, =%d
                ldr x1, [x0]
                """.formatted(SysRig.DATA + 0x20_0000));
        runToException(rig);
        assertEquals(GuestException.EC_DABORT_LOWER, rig.ec(1));
        assertEquals(0x0E, rig.iss(1) & 0x3F);
        assertEquals(SysRig.VECTORS + 0x400, rig.s().pc);
    }

    @Test
    void tlbiMakesAChangedEntryVisible() {
        SysRig rig = new SysRig();
        String enable = standardTables(rig);
        rig.write64(REMAP_PA, 1);
        rig.write64(SysRig.DATA + 0x1_1000, 2);
        rig.load(enable + """
                ldr x0, =%d
                ldr x1, [x0]
                ldr x5, =%d
                ldr x6, =%d
                str x6, [x5]
                dsb ishst
                lsr x7, x0, #12
                tlbi vae1is, x7
                dsb ish
                isb
                ldr x2, [x0]
                """.formatted(REMAPPED, l3 + 8, page(SysRig.DATA + 0x1_1000, 0, 0)));
        assertEquals(null, rig.run());
        assertEquals(1, rig.s().x[1]);
        assertEquals(2, rig.s().x[2]);
    }

    @Test
    void addressTranslationWritesPar() {
        SysRig rig = mmuOn("""
                ldr x0, =%d
                at s1e1r, x0
                mrs x1, par_el1
                ldr x0, =%d
                at s1e1r, x0
                mrs x2, par_el1
                ldr x0, =%d
                at s1e1w, x0
                mrs x3, par_el1
                at s1e0r, x0
                mrs x4, par_el1
                """.formatted(REMAPPED + 0x123, UNMAPPED, EL1_RO));
        assertEquals(null, rig.run());
        assertEquals((0xFFL << 56) | REMAP_PA | (1 << 11) | (3 << 7), rig.s().x[1] & ~(1L << 9));
        assertEquals(1 | (0x07 << 1) | (1 << 11), rig.s().x[2]);
        assertEquals(1 | (0x0F << 1) | (1 << 11), rig.s().x[3]);
        assertEquals(1 | (0x0F << 1) | (1 << 11), rig.s().x[4], "no EL0 access");
    }

    @Test
    void dcZvaZeroesTheAlignedBlock() {
        SysRig rig = new SysRig();
        String enable = standardTables(rig);
        for (int i = 0; i < 0x100; i += 8) {
            rig.write64(SysRig.DATA + 0xA000 + i, -1L);
        }
        rig.load(enable + "ldr x0, =%d\n dc zva, x0".formatted(SysRig.DATA + 0xA047));
        assertEquals(null, rig.run());
        for (int i = 0; i < 0x100; i += 8) {
            boolean zeroed = i >= 0x40 && i < 0x80;
            assertEquals(zeroed ? 0 : -1L, rig.read64(SysRig.DATA + 0xA000 + i), "offset " + i);
        }
    }

    @Test
    void fetchFromUnmappedPageIsAnInstructionAbort() {
        SysRig rig = runToException(mmuOn("ldr x0, =%d\n br x0".formatted(UNMAPPED + 8)));
        assertEquals(GuestException.EC_IABORT_SAME, rig.ec(1));
        assertEquals(0x07, rig.iss(1) & 0x3F);
        assertEquals(UNMAPPED + 8, rig.cpu().sys().far[1]);
        assertEquals(UNMAPPED + 8, rig.cpu().sys().elr[1]);
    }

    @Test
    void el1CannotExecuteMemoryWritableAtEl0() {
        SysRig rig = new SysRig();
        String enable = standardTables(rig);
        rig.physical().write(EL0_RW, 4, 0xd503201fL); // nop
        rig.load(enable + "ldr x0, =%d\n br x0".formatted(EL0_RW));
        runToException(rig);
        assertEquals(GuestException.EC_IABORT_SAME, rig.ec(1));
        assertEquals(0x0F, rig.iss(1) & 0x3F);
    }

    @Test
    void debugTranslateWalksWithoutFaulting() {
        SysRig rig = mmuOn("nop");
        assertEquals(null, rig.run());
        assertEquals(REMAP_PA + 0x10, rig.cpu().mmu().debugTranslate(REMAPPED + 0x10));
        assertEquals(-1, rig.cpu().mmu().debugTranslate(UNMAPPED));
        assertTrue(rig.cpu().mmu().debugTranslate(SysRig.CODE) == SysRig.CODE);
    }
}
