package org.emu4e.engine.cpu.a64.insn.branch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.insn.IntRig;
import org.emu4e.engine.testing.CpuRig;
import org.junit.jupiter.api.Test;

/** Rows of {@link BranchGroup}. Each program counts the taken paths in x9. */
class BranchTest {
    @Test
    void immediateAndLink() {
        IntRig r = IntRig.run("b 1f\n mov x9, #99\n1: bl 2f\n b 3f\n2: mov x9, #1\n ret\n3: nop");
        assertEquals(1, r.x(9));
        assertEquals(CpuRig.CODE + 12, r.x(30));
    }

    @Test
    void conditional() {
        IntRig r = IntRig.run("cmp x0, #5\n b.lt 1f\n add x9, x9, #100\n1: b.ge 2f\n add x9, x9, #1\n"
                + "2: b.nv 3f\n add x9, x9, #100\n3: nop", 3);
        assertEquals(1, r.x(9));
    }

    @Test
    void compareAndTest() {
        IntRig r = IntRig.run("cbz w0, 1f\n add x9, x9, #100\n1: cbnz x0, 2f\n add x9, x9, #1\n"
                + "2: tbnz x0, #32, 3f\n add x9, x9, #100\n3: tbz w1, #0, 4f\n add x9, x9, #10\n4: nop",
                0x1_0000_0000L, 1);
        assertEquals(10, r.x(9));
    }

    @Test
    void register() {
        IntRig r = IntRig.run("adr x1, 1f\n br x1\n add x9, x9, #100\n1: adr x30, 3f\n adr x2, 2f\n blr x2\n"
                + "add x9, x9, #1\n b 4f\n2: add x9, x9, #10\n ret\n3: add x9, x9, #1000\n4: adr x3, 5f\n ret x3\n"
                + "add x9, x9, #100\n5: nop");
        assertEquals(11, r.x(9));
    }

    @Test
    void blrX30UsesTheOldValue() {
        IntRig r = IntRig.run("adr x30, 1f\n blr x30\n add x9, x9, #100\n1: add x9, x9, #1");
        assertEquals(1, r.x(9));
        assertEquals(CpuRig.CODE + 8, r.x(30));
    }

    @Test
    void misalignedTargetFaultsAtFetch() {
        IntRig r = IntRig.run("adr x1, 1f\n add x1, x1, #2\n br x1\n1: nop");
        r.assertException(GuestException.EC_PC_ALIGN);
        assertEquals(CpuRig.CODE + 14, r.elr());
    }
}
