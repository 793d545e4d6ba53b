package org.emu4e.engine.cpu.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emu4e.engine.cpu.a64.GuestException;
import org.junit.jupiter.api.Test;

/** The self-hosted debug registers as a Cortex-A53 has them (TRM 11.2, ARM ARM D17.3). */
class DebugRegistersTest {
    @Test
    void idRegisterAndOsLockResetValues() {
        SysRig rig = DebugRig.el1("""
                mrs x0, id_aa64dfr0_el1
                mrs x1, oslsr_el1
                msr oslar_el1, xzr
                mrs x2, oslsr_el1
                mov x3, #1
                msr oslar_el1, x3
                mrs x4, oslsr_el1
                """);
        assertEquals(null, rig.run());
        assertEquals(0x1030_5106L, rig.s().x[0], "CTX_CMPs 1, WRPs 3, BRPs 5, PMUVer 1, DebugVer 6");
        assertEquals(0xAL, rig.s().x[1], "OS lock locked from cold reset");
        assertEquals(0x8L, rig.s().x[2]);
        assertEquals(0xAL, rig.s().x[4]);
    }

    @Test
    void breakpointAndWatchpointRegistersHoldTheirFields() {
        SysRig rig = DebugRig.el1("""
                mvn x0, xzr
                msr dbgbvr5_el1, x0
                msr dbgbcr5_el1, x0
                msr dbgwvr3_el1, x0
                msr dbgwcr3_el1, x0
                mov x1, #0x21
                msr dbgbcr0_el1, x1
                mrs x2, dbgbvr5_el1
                mrs x3, dbgbcr5_el1
                mrs x4, dbgwvr3_el1
                mrs x5, dbgwcr3_el1
                mrs x6, dbgbcr0_el1
                """);
        assertEquals(null, rig.run());
        assertEquals(-1L, rig.s().x[2]);
        assertEquals(0x00FF_E1E7L, rig.s().x[3]);
        assertEquals(-4L, rig.s().x[4]);
        assertEquals(0x1F1F_FFFFL, rig.s().x[5]);
        assertEquals(0x61L, rig.s().x[6], "BAS[1] reads as a copy of BAS[0]");
    }

    @Test
    void unitsBeyondTheA53sAreUndefined() {
        for (String insn : new String[] {"mrs x0, dbgbvr6_el1", "msr dbgbcr15_el1, xzr", "mrs x0, dbgwvr4_el1",
            "msr dbgwcr4_el1, xzr"}) {
            SysRig rig = DebugRig.el1(insn);
            rig.cpu().run(1);
            assertEquals(SysRig.VECTORS + 0x200, rig.s().pc, insn);
            assertEquals(GuestException.EC_UNKNOWN, rig.ec(1), insn);
        }
    }
}
