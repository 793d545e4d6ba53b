package org.emu4e.engine.cpu.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emu4e.engine.cpu.a64.CpuExit;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.TlbInvalidation;
import org.junit.jupiter.api.Test;

/** Hints, barriers, WFI/WFE and their traps, SEV, TLBI broadcast. */
class HintsTest {
    @Test
    void wfiExitsToTheRuntimeAfterRetiring() {
        SysRig rig = new SysRig().load("nop\n wfi\n movz x0, #1");
        assertEquals(CpuExit.WFI, rig.run());
        assertEquals(SysRig.CODE + 8, rig.s().pc);
        assertEquals(null, rig.run());
        assertEquals(1, rig.s().x[0]);
    }

    @Test
    void wfeConsumesAPendingEventOtherwiseExits() {
        SysRig rig = new SysRig().load("sevl\n wfe\n wfe\n movz x0, #1");
        assertEquals(CpuExit.WFE, rig.run());
        assertEquals(SysRig.CODE + 12, rig.s().pc, "first WFE consumed SEVL's event");
        assertFalse(rig.cpu().eventRegister);
    }

    @Test
    void sevSignalsTheEnvironment() {
        SysRig rig = new SysRig().load("sev\n wfe");
        assertEquals(null, rig.run());
        assertEquals(1, rig.events);
    }

    @Test
    void wfiAtEl0TrapsUnlessSctlrNtwi() {
        SysRig rig = new SysRig().load("wfi");
        rig.cpu().sys().vbar[1] = SysRig.VECTORS;
        rig.s().el = 0;
        rig.s().spsel = 0;
        rig.cpu().run(1);
        assertEquals(GuestException.EC_WFX, rig.ec(1));
        assertEquals((1 << 24) | (0xE << 20), rig.iss(1));
        assertEquals(SysRig.CODE, rig.cpu().sys().elr[1]);

        rig = new SysRig().load("wfi");
        rig.cpu().sys().sctlr[1] |= 1 << 16;
        rig.s().el = 0;
        rig.s().spsel = 0;
        assertEquals(CpuExit.WFI, rig.run());
    }

    @Test
    void hintsAndBarriersAreHarmless() {
        SysRig rig = new SysRig().load("""
                nop
                yield
                hint #0x7f
                hint #20
                dmb ish
                dsb sy
                dsb nsh
                isb
                clrex
                movz x0, #3
                """);
        assertEquals(null, rig.run());
        assertEquals(3, rig.s().x[0]);
    }

    @Test
    void innerShareableTlbiIsBroadcastLocalIsNot() {
        SysRig rig = new SysRig().load("""
                tlbi vmalle1
                tlbi vmalle1is
                ldr x0, =0x12345
                movk x0, #7, lsl #48
                tlbi vae1is, x0
                tlbi aside1, x0
                tlbi vaale1is, x0
                """);
        assertEquals(null, rig.run());
        assertEquals(3, rig.broadcasts.size());
        assertEquals(TlbInvalidation.ALL, rig.broadcasts.get(0));
        assertEquals(new TlbInvalidation(TlbInvalidation.Kind.BY_VA, 0x12345000L, 7, false), rig.broadcasts.get(1));
        assertEquals(TlbInvalidation.Kind.BY_VA_ALL_ASID, rig.broadcasts.get(2).kind());
    }

    @Test
    void maintenanceAtEl0FollowsTheAccessRules() {
        String[] undefinedAtEl0 = {"tlbi vmalle1", "dc ivac, x0", "dc isw, x0", "ic iallu", "at s1e1r, x0"};
        for (String insn : undefinedAtEl0) {
            SysRig rig = new SysRig().load(insn);
            rig.s().el = 0;
            rig.s().spsel = 0;
            rig.cpu().run(1);
            assertEquals(GuestException.EC_UNKNOWN, rig.ec(1), insn);
        }
        for (String insn : new String[] {"dc cvau, x0", "ic ivau, x0", "dc zva, x0"}) {
            SysRig rig = new SysRig().load(insn);
            rig.s().x[0] = SysRig.DATA;
            rig.s().el = 0;
            rig.s().spsel = 0;
            rig.cpu().run(1);
            assertEquals(GuestException.EC_SYSREG, rig.ec(1), insn);
        }
    }

    @Test
    void cacheMaintenanceByVaWorksWithMmuOff() {
        SysRig rig = new SysRig().load("dc civac, x0\n dc cvac, x0\n dc ivac, x0\n ic ivau, x0\n ic ialluis\n dc cisw, xzr");
        rig.s().x[0] = SysRig.DATA + 3;
        assertEquals(null, rig.run());
    }

    @Test
    void dcZvaToDeviceMemoryWithMmuOffIsAnAlignmentFault() {
        SysRig rig = new SysRig().load("dc zva, x0");
        rig.cpu().sys().vbar[1] = SysRig.VECTORS;
        rig.s().x[0] = SysRig.DATA + 8;
        rig.cpu().run(1);
        assertEquals(GuestException.EC_DABORT_SAME, rig.ec(1));
        assertEquals(0x21, rig.iss(1) & 0x3F);
        assertTrue((rig.iss(1) & (1 << 6)) != 0);
    }
}
