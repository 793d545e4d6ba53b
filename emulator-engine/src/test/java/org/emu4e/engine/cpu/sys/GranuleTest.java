package org.emu4e.engine.cpu.sys;

import static org.emu4e.engine.cpu.sys.PageTables.block;
import static org.emu4e.engine.cpu.sys.PageTables.page;
import static org.emu4e.engine.cpu.sys.PageTables.tableDesc;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Translation granules, start levels, TTBR1, ASIDs and top-byte-ignore (D8.2). */
class GranuleTest {
    static final long PT = SysRig.RAM_BASE + 0x20_0000;
    static final long NORMAL_RW = 0;

    private static SysRig rig(long tcr, long ttbr0, String code) {
        SysRig rig = new SysRig();
        rig.cpu().sys().vbar[1] = SysRig.VECTORS;
        rig.load(PageTables.enableMmu(tcr, ttbr0) + code);
        return rig;
    }

    private static long tcr(int t0sz, int tg0) {
        return t0sz | ((long) tg0 << 14) | (1L << 23) | (2L << 32);
    }

    @Test
    void fourKGranule48BitStartsAtLevel0() {
        SysRig probe = new SysRig();
        PageTables pt = new PageTables(probe, PT);
        long l0 = pt.table();
        long l1 = pt.table();
        pt.set(l0, 0, tableDesc(l1));
        pt.set(l1, 1, block(SysRig.RAM_BASE, 0, 0)); // 1 GB block
        pt.set(l1, 3, block(SysRig.RAM_BASE, 0, 0)); // alias at 0xC0000000
        SysRig rig = copyTables(probe, rig(tcr(16, 0), l0, "ldr x0, =%d\n ldr x1, [x0]".formatted(0xC000_0000L + 0x80_0000)));
        rig.write64(SysRig.DATA, 4242);
        assertEquals(null, rig.run());
        assertEquals(4242, rig.s().x[1]);
    }

    @Test
    void sixteenKGranuleBlocksAndPages() {
        SysRig probe = new SysRig();
        PageTables pt = new PageTables(probe, PT);
        long l1 = pt.table(16384);
        long l2 = pt.table(16384);
        long l3 = pt.table(16384);
        pt.set(l1, 0, tableDesc(l2));
        pt.set(l2, 32, block(SysRig.RAM_BASE, 0, 0)); // 32 MB blocks
        pt.set(l2, 33, block(SysRig.RAM_BASE + (32 << 20), 0, 0));
        pt.set(l2, 34, tableDesc(l3)); // VA 0x44000000
        pt.set(l3, 1, page(SysRig.DATA, 0, 0)); // VA 0x44004000 -> DATA
        SysRig rig = copyTables(probe, rig(tcr(25, 2), l1, "ldr x0, =0x44004008\n ldr x1, [x0]"));
        rig.write64(SysRig.DATA + 8, 1616);
        assertEquals(null, rig.run());
        assertEquals(1616, rig.s().x[1]);
    }

    @Test
    void sixtyFourKGranuleStartsAtLevel2() {
        SysRig probe = new SysRig();
        PageTables pt = new PageTables(probe, PT);
        long l2 = pt.table(65536);
        long l3 = pt.table(65536);
        pt.set(l2, 2, block(SysRig.RAM_BASE, 0, 0)); // 512 MB block at 0x40000000
        pt.set(l2, 3, tableDesc(l3)); // VA 0x60000000
        pt.set(l3, 2, page(SysRig.DATA, 0, 0)); // VA 0x60020000 -> DATA
        SysRig rig = copyTables(probe, rig(tcr(25, 1), l2, "ldr x0, =0x60020010\n ldr x1, [x0]\n ldr x0, =0x60030000\n ldr x2, [x0]"));
        rig.write64(SysRig.DATA + 0x10, 6464);
        rig.runToVector();
        assertEquals(6464, rig.s().x[1]);
        assertEquals(0x07, rig.iss(1) & 0x3F, "unmapped 64K page: level 3 translation fault");
        assertEquals(0x6003_0000L, rig.cpu().sys().far[1]);
    }

    @Test
    void ttbr1CoversTheTopOfTheAddressSpace() {
        SysRig probe = new SysRig();
        PageTables pt = new PageTables(probe, PT);
        long l1lo = pt.table();
        long l1hi = pt.table();
        pt.set(l1lo, 1, block(SysRig.RAM_BASE, 0, 0));
        pt.set(l1hi, 1, block(SysRig.RAM_BASE, 0, 0));
        long tcr = 25 | (25L << 16) | (2L << 30) | (2L << 32);
        SysRig rig = copyTables(probe, rig(tcr, l1lo, """
                ldr x0, =%d
                msr ttbr1_el1, x0
                isb
                ldr x0, =0xFFFFFF8040800000
                ldr x1, [x0]
                """.formatted(l1hi)));
        rig.write64(SysRig.DATA, 0x1111);
        assertEquals(null, rig.run());
        assertEquals(0x1111, rig.s().x[1]);
    }

    @Test
    void topByteIsIgnoredOnlyWhenTbiIsSet() {
        SysRig probe = new SysRig();
        PageTables pt = new PageTables(probe, PT);
        long l1 = pt.table();
        pt.set(l1, 1, block(SysRig.RAM_BASE, 0, 0));
        long tcr = tcr(25, 0) | (1L << 37);
        SysRig rig = copyTables(probe, rig(tcr, l1, "ldr x0, =0x5A00000040800000\n ldr x1, [x0]"));
        rig.write64(SysRig.DATA, 0x7B1);
        assertEquals(null, rig.run());
        assertEquals(0x7B1, rig.s().x[1]);

        rig = copyTables(probe, rig(tcr(25, 0), l1, "ldr x0, =0x5A00000040800000\n ldr x1, [x0]"));
        rig.runToVector();
        assertEquals(0x04, rig.iss(1) & 0x3F, "tagged address without TBI: level 0 translation fault");
    }

    @Test
    void nonGlobalEntriesAreTaggedWithTheAsid() {
        SysRig probe = new SysRig();
        PageTables pt = new PageTables(probe, PT);
        long l1 = pt.table();
        long l2 = pt.table();
        long l3 = pt.table();
        pt.set(l1, 1, tableDesc(l2));
        pt.set(l2, 0, block(SysRig.RAM_BASE, 0, 0));
        pt.set(l2, 1, block(SysRig.RAM_BASE + 0x20_0000, 0, 0));
        pt.set(l2, 4, tableDesc(l3));
        pt.set(l3, 0, page(SysRig.DATA + 0x1000, 0, 0) | PageTables.NG);
        SysRig rig = copyTables(probe, rig(tcr(25, 0), l1 | (1L << 48), """
                ldr x0, =%d
                ldr x1, [x0]
                ldr x5, =%d
                ldr x6, =%d
                str x6, [x5]
                mov x7, #(1 << 48)
                tlbi aside1, x7
                dsb ish
                ldr x2, [x0]
                """.formatted(SysRig.DATA, l3, page(SysRig.DATA + 0x2000, 0, 0) | PageTables.NG)));
        rig.write64(SysRig.DATA + 0x1000, 1);
        rig.write64(SysRig.DATA + 0x2000, 2);
        assertEquals(null, rig.run());
        assertEquals(1, rig.s().x[1]);
        assertEquals(2, rig.s().x[2], "TLBI ASIDE1 dropped the ASID 1 entry");
    }

    @Test
    void switchingTablesWithoutTlbiNeverUsesTheOldTablesEntries() {
        SysRig probe = new SysRig();
        PageTables pt = new PageTables(probe, PT);
        long[] roots = new long[2];
        for (int k = 0; k < 2; k++) {
            long l1 = pt.table();
            long l2 = pt.table();
            long l3 = pt.table();
            roots[k] = l1;
            pt.set(l1, 1, tableDesc(l2));
            pt.set(l2, 0, block(SysRig.RAM_BASE, 0, 0));
            pt.set(l2, 1, block(SysRig.RAM_BASE + 0x20_0000, 0, 0));
            pt.set(l2, 4, tableDesc(l3));
            pt.set(l3, 0, page(SysRig.DATA + 0x1000 * (k + 1), 0, 0) | PageTables.NG);
        }
        String code = String.join("\n", "ldr x0, =" + SysRig.DATA, "ldr x1, [x0]",
                "ldr x5, =" + roots[1], "msr ttbr0_el1, x5", "isb", "ldr x2, [x0]",
                "ldr x5, =" + roots[0], "msr ttbr0_el1, x5", "isb", "ldr x3, [x0]");
        SysRig rig = copyTables(probe, rig(tcr(25, 0), roots[0], code));
        rig.write64(SysRig.DATA + 0x1000, 1);
        rig.write64(SysRig.DATA + 0x2000, 2);
        assertEquals(null, rig.run());
        assertEquals(1, rig.s().x[1]);
        assertEquals(2, rig.s().x[2], "same ASID, new tables: no stale entry");
        assertEquals(1, rig.s().x[3]);
    }

    /** The tables were written through {@code probe}'s bus; copy them into {@code rig}'s RAM. */
    private static SysRig copyTables(SysRig probe, SysRig rig) {
        for (long a = PT; a < PT + 0x4_0000; a += 8) {
            rig.write64(a, probe.read64(a));
        }
        return rig;
    }
}
