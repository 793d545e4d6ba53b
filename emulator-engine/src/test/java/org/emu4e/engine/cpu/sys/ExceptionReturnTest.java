package org.emu4e.engine.cpu.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emu4e.engine.cpu.a64.GuestException;
import org.junit.jupiter.api.Test;

/** ERET (C6.2.84) and illegal exception returns (D1.11.3); EL0 <-> EL1 round trips. */
class ExceptionReturnTest {
    /** EL1 drops to EL0 at {@code user}, EL0 does SVC, the EL1 handler returns to EL0 after it, EL0 finishes. */
    @Test
    void el0ToEl1RoundTripThroughSvcAndEret() {
        SysRig rig = new SysRig();
        // Lower-EL AArch64 synchronous vector: count the call, check ESR, return.
        rig.place(SysRig.VECTORS + 0x400, """
                mrs x10, esr_el1
                mrs x11, elr_el1
                mrs x12, spsr_el1
                add x20, x20, #1
                eret
                """);
        rig.load("""
                ldr x0, =%d
                msr vbar_el1, x0
                adr x1, user
                msr elr_el1, x1
                msr spsr_el1, xzr
                ldr x2, =%d
                msr sp_el0, x2
                eret
                user:
                mov x21, sp
                svc #0x77
                mrs x22, nzcv
                add x23, x20, #100
                """.formatted(SysRig.VECTORS, SysRig.DATA + 0x1000));
        assertEquals(null, rig.run());
        assertEquals(0, rig.s().el);
        assertEquals(1, rig.s().x[20]);
        assertEquals(101, rig.s().x[23]);
        assertEquals(SysRig.DATA + 0x1000, rig.s().x[21], "EL0 uses SP_EL0");
        assertEquals(((long) GuestException.EC_SVC64 << 26) | (1L << 25) | 0x77, rig.s().x[10]);
        assertEquals(SysRig.CODE + 4 * 10, rig.s().x[11]);
        assertEquals(0, rig.s().x[12], "SPSR: EL0t, nothing masked");
    }

    @Test
    void eretRestoresFlagsMaskAndStackSelection() {
        SysRig rig = new SysRig().load("""
                adr x1, next
                msr elr_el1, x1
                ldr x2, =0x90000184
                msr spsr_el1, x2
                eret
                next:
                nop
                """);
        assertEquals(null, rig.run());
        assertEquals(0b1001, rig.s().nzcv);
        assertEquals(0b0110, rig.s().daif);
        assertEquals(0, rig.s().spsel);
        assertEquals(1, rig.s().el);
        assertFalse(rig.s().il);
    }

    /** D1.16.1: an exception return sets the Event Register, so the WFE after it does not wait. */
    @Test
    void eretSetsTheEventRegister() {
        SysRig rig = new SysRig().load("""
                adr x1, next
                msr elr_el1, x1
                mov x2, #0x3c5
                msr spsr_el1, x2
                sevl
                wfe
                eret
                next:
                wfe
                movz x0, #1
                """);
        assertEquals(null, rig.run(), "the WFE after ERET consumed the event instead of waiting");
        assertEquals(1, rig.s().x[0]);
        assertFalse(rig.cpu().eventRegister);
    }

    @Test
    void returnToAnUnimplementedElIsIllegalAndTheNextInstructionTakesIllegalState() {
        SysRig rig = new SysRig().load("""
                adr x1, next
                msr elr_el1, x1
                ldr x2, =0x80000009
                msr spsr_el1, x2
                eret
                next:
                nop
                """);
        rig.cpu().sys().vbar[1] = SysRig.VECTORS;
        rig.cpu().run(5);
        assertEquals(1, rig.s().el, "EL unchanged");
        assertTrue(rig.s().il);
        assertEquals(0b1000, rig.s().nzcv, "other fields restored");
        long next = SysRig.CODE + 5 * 4; // the instruction after ERET (label next)
        assertEquals(next, rig.s().pc);
        rig.cpu().run(1);
        assertEquals(GuestException.EC_ILLEGAL_STATE, rig.ec(1));
        assertTrue((rig.cpu().sys().spsr[1] & (1L << 20)) != 0, "SPSR.IL");
        assertFalse(rig.s().il, "IL cleared on entry");
        assertEquals(SysRig.VECTORS + 0x200, rig.s().pc);
        assertEquals(next, rig.cpu().sys().elr[1]);
    }

    @Test
    void returnToHigherElAndReservedModesAreIllegal() {
        for (long spsr : new long[] {0x9, 0x10, 0x2, 0x1}) {
            SysRig rig = new SysRig(2);
            rig.s().el = 1;
            rig.load("adr x1, n\n msr elr_el1, x1\n msr spsr_el1, x2\n eret\n n: nop");
            rig.s().x[2] = spsr;
            rig.cpu().run(4);
            assertTrue(rig.s().il, "SPSR " + spsr);
            assertEquals(1, rig.s().el);
        }
    }

    @Test
    void eretAtEl0IsUndefined() {
        SysRig rig = new SysRig().load("eret");
        rig.cpu().sys().vbar[1] = SysRig.VECTORS;
        rig.s().el = 0;
        rig.s().spsel = 0;
        rig.cpu().run(1);
        assertEquals(GuestException.EC_UNKNOWN, rig.ec(1));
        assertEquals(SysRig.VECTORS + 0x400, rig.s().pc);
    }

    @Test
    void eretClearsTheExclusiveMonitor() {
        SysRig rig = new SysRig().load("""
                ldr x0, =%d
                ldxr x1, [x0]
                adr x3, n
                msr elr_el1, x3
                mov x4, #5
                msr spsr_el1, x4
                eret
                n:
                stxr w5, x1, [x0]
                """.formatted(SysRig.DATA));
        assertEquals(null, rig.run());
        assertEquals(1, rig.s().x[5], "store-exclusive fails after ERET");
    }
}
