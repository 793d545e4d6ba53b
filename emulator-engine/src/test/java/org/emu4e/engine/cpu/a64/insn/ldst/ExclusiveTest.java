package org.emu4e.engine.cpu.a64.insn.ldst;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.insn.IntRig;
import org.emu4e.engine.testing.CpuRig;
import org.junit.jupiter.api.Test;

/** Exclusive and acquire/release rows on one CPU: monitor rules, sizes, alignment faults. */
class ExclusiveTest {
    private static final long D = CpuRig.DATA;

    @Test
    void storeExclusiveSucceedsOnlyAfterMatchingLoad() {
        IntRig r = IntRig.run("mov x1, #5\n stxr w2, x1, [x0]\n ldxr x3, [x0]\n add x3, x3, #1\n stxr w4, x3, [x0]\n"
                + "stxr w5, x3, [x0]\n ldr x6, [x0]\n ldaxrb w7, [x0]\n stlxrb w8, w1, [x0]\n ldrb w9, [x0]", D);
        assertEquals(1, r.x(2), "no monitor: fails");
        assertEquals(0, r.x(4));
        assertEquals(1, r.x(5), "monitor cleared by the previous store-exclusive");
        assertEquals(1, r.x(6));
        assertEquals(0, r.x(8));
        assertEquals(5, r.x(9));
    }

    @Test
    void storeExclusiveFailsWhenMemoryChanged() {
        IntRig r = IntRig.run("ldxr w1, [x0]\n mov w2, #9\n str w2, [x0]\n stxr w3, w1, [x0]\n ldr w4, [x0]", D);
        assertEquals(1, r.x(3));
        assertEquals(9, r.x(4));
    }

    @Test
    void pairs() {
        IntRig r = IntRig.run("mov x1, #1\n mov x2, #2\n stp x1, x2, [x0]\n ldaxp x3, x4, [x0]\n add x3, x3, #10\n"
                + "stlxp w5, x3, x4, [x0]\n ldp x6, x7, [x0]\n ldxp w8, w9, [x0]\n stxp w10, w9, w8, [x0]\n ldp w11, w12, [x0]", D);
        assertEquals(11, r.x(3));
        assertEquals(2, r.x(4));
        assertEquals(0, r.x(5));
        assertEquals(11, r.x(6));
        assertEquals(2, r.x(7));
        assertEquals(0, r.x(10));
        assertEquals(0, r.x(11));
        assertEquals(11, r.x(12));
    }

    @Test
    void subWordExclusiveLeavesNeighboursAlone() {
        IntRig r = IntRig.run("mov x1, #-1\n str x1, [x0]\n ldxrh w2, [x0, #0]\n mov w3, #0x1234\n stxrh w4, w3, [x0]\n ldr x5, [x0]", D);
        assertEquals(0, r.x(4));
        assertEquals(0xFFFF_FFFF_FFFF_1234L, r.x(5));
    }

    @Test
    void acquireRelease() {
        IntRig r = IntRig.run("mov x1, #0x1122\n stlr x1, [x0]\n ldar x2, [x0]\n add x5, x0, #8\n stlrh w1, [x5]\n"
                + "ldarb w3, [x5]\n add x6, x0, #9\n stlrb w1, [x6]\n ldarh w4, [x5]", D);
        assertEquals(0x1122, r.x(2));
        assertEquals(0x22, r.x(3));
        assertEquals(0x2222, r.x(4));
    }

    @Test
    void misalignedExclusiveIsAnAlignmentFault() {
        IntRig r = IntRig.run("add x0, x0, #4\n ldxr x1, [x0]", D);
        r.assertException(GuestException.EC_DABORT_SAME);
        assertEquals(Access.DFSC_ALIGNMENT, r.esr() & 0x3F);
        assertEquals(0, r.esr() & (1 << 6), "WnR clear for a load");
        assertEquals(D + 4, r.far());
        IntRig w = IntRig.run("add x0, x0, #8\n stlxp w2, x1, x1, [x0]", D);
        w.assertException(GuestException.EC_DABORT_SAME);
        assertEquals(1 << 6, w.esr() & (1 << 6), "WnR set for a store");
        IntRig a = IntRig.run("add x0, x0, #2\n ldar w1, [x0]", D);
        a.assertException(GuestException.EC_DABORT_SAME);
    }

    @Test
    void storeExclusiveHitsAWriteWatchpoint() {
        IntRig r = new IntRig();
        r.rig.load("ldxr x1, [x0]\n stxr w2, x1, [x0]\n nop");
        r.s().x[0] = D + 0x40;
        r.rig.cpu().debug = new org.emu4e.engine.api.DebugHooks() {
            @Override public boolean breakpointAt(long pc) { return false; }
            @Override public long watchpointHit(long va, int size, boolean write) { return write && va == D + 0x40 ? va : -1; }
            @Override public boolean hasWatchpoints() { return true; }
        };
        assertEquals(org.emu4e.engine.cpu.a64.CpuExit.WATCHPOINT, r.rig.run(10));
        assertEquals(CpuRig.CODE + 8, r.s().pc, "stops after the store-exclusive");
        assertEquals(D + 0x40, r.rig.cpu().lastWatchAddress);
    }
}
