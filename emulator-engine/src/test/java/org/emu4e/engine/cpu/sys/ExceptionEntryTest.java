package org.emu4e.engine.cpu.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emu4e.engine.cpu.a64.GuestException;
import org.junit.jupiter.api.Test;

/** Exception entry (D1.10): vectors, ESR/ELR/SPSR/FAR and PSTATE for synchronous exceptions. */
class ExceptionEntryTest {
    private static SysRig rigAtEl1(String code) {
        SysRig rig = new SysRig().load(code);
        rig.cpu().sys().vbar[1] = SysRig.VECTORS;
        return rig;
    }

    @Test
    void svcFromEl1TakesCurrentElSpxVectorWithNextInstructionAsReturn() {
        SysRig rig = rigAtEl1("movz x0, #7\n msr daifclr, #0xf\n svc #0x1234\n nop");
        rig.s().nzcv = 0b0110;
        rig.cpu().run(3);
        assertEquals(SysRig.VECTORS + 0x200, rig.s().pc);
        assertEquals(GuestException.EC_SVC64, rig.ec(1));
        assertEquals(0x1234, rig.iss(1));
        assertTrue((rig.esr(1) & (1L << 25)) != 0, "IL");
        assertEquals(SysRig.CODE + 12, rig.cpu().sys().elr[1]);
        assertEquals(0x6000_0005L, rig.cpu().sys().spsr[1], "NZCV, DAIF clear, EL1h");
        assertEquals(1, rig.s().el);
        assertEquals(0xF, rig.s().daif);
        assertEquals(1, rig.s().spsel);
    }

    @Test
    void svcWithSp0SelectedUsesTheSp0Vector() {
        SysRig rig = rigAtEl1("msr spsel, #0\n svc #0");
        rig.cpu().run(2);
        assertEquals(SysRig.VECTORS + 0x000, rig.s().pc);
        assertEquals(0x3C4L, rig.cpu().sys().spsr[1], "DAIF set, EL1t");
    }

    @Test
    void brkReportsImmediateAndReturnsToTheBrk() {
        SysRig rig = rigAtEl1("nop\n brk #0x42");
        rig.cpu().run(2);
        assertEquals(GuestException.EC_BRK64, rig.ec(1));
        assertEquals(0x42, rig.iss(1));
        assertEquals(SysRig.CODE + 4, rig.cpu().sys().elr[1]);
    }

    @Test
    void undefinedInstructionsAreEcUnknown() {
        for (String insn : new String[] {"hlt #0", "dcps1", ".inst 0xd6bf03e0", "hvc #0", "smc #0", ".inst 0xd503301f"}) {
            SysRig rig = rigAtEl1(insn);
            rig.cpu().sys().esr[1] = -1;
            rig.cpu().run(1);
            assertEquals(SysRig.VECTORS + 0x200, rig.s().pc, insn);
            assertEquals(GuestException.EC_UNKNOWN, rig.ec(1), insn);
            assertEquals(SysRig.CODE, rig.cpu().sys().elr[1], insn);
        }
    }

    @Test
    void hvcAndSmcGoToTheBoardFirmwareFirst() {
        SysRig rig = rigAtEl1("movz x0, #1\n hvc #0\n smc #5\n movz x2, #9");
        rig.firmware = (cpu, smc, imm) -> {
            cpu.state().x[1] += smc ? imm : 100;
            return true;
        };
        assertEquals(null, rig.run());
        assertEquals(105, rig.s().x[1]);
        assertEquals(9, rig.s().x[2]);
    }

    @Test
    void pcAlignmentFaultReportsTheMisalignedTargetInFar() {
        SysRig rig = rigAtEl1("adr x0, target\n add x0, x0, #2\n br x0\n target: nop");
        rig.cpu().run(3);
        rig.cpu().run(1);
        assertEquals(GuestException.EC_PC_ALIGN, rig.ec(1));
        assertEquals(SysRig.CODE + 14, rig.cpu().sys().far[1]);
        assertEquals(SysRig.CODE + 14, rig.cpu().sys().elr[1]);
    }

    @Test
    void unalignedLoadWithMmuOffIsAnAlignmentFault() {
        SysRig rig = rigAtEl1("ldr x1, [x0]");
        rig.s().x[0] = SysRig.DATA + 4;
        rig.cpu().run(1);
        assertEquals(GuestException.EC_DABORT_SAME, rig.ec(1));
        assertEquals(0x21, rig.iss(1) & 0x3F);
        assertEquals(0, rig.iss(1) & (1 << 6), "WnR");
        assertEquals(SysRig.DATA + 4, rig.cpu().sys().far[1]);
    }

    @Test
    void alignedAccessWithMmuOffWorks() {
        SysRig rig = rigAtEl1("str x1, [x0]\n ldr w2, [x0, #4]");
        rig.s().x[0] = SysRig.DATA;
        rig.s().x[1] = 0x1122_3344_5566_7788L;
        assertEquals(null, rig.run());
        assertEquals(0x1122_3344L, rig.s().x[2]);
    }

    @Test
    void storeToUnmappedPhysicalAddressIsASynchronousExternalAbort() {
        SysRig rig = rigAtEl1("str x1, [x0]");
        rig.s().x[0] = 0x1000_0000L;
        rig.cpu().run(1);
        assertEquals(GuestException.EC_DABORT_SAME, rig.ec(1));
        assertEquals(0x10, rig.iss(1) & 0x3F);
        assertTrue((rig.iss(1) & (1 << 6)) != 0, "WnR");
    }

    @Test
    void physicalAddressBeyond40BitsIsAnAddressSizeFault() {
        SysRig rig = rigAtEl1("ldr x1, [x0]");
        rig.s().x[0] = 1L << 41;
        rig.cpu().run(1);
        assertEquals(0x00, rig.iss(1) & 0x3F);
        assertEquals(GuestException.EC_DABORT_SAME, rig.ec(1));
    }

    @Test
    void spAlignmentCheckHelperFollowsSctlrSa() {
        SysRig rig = rigAtEl1("nop");
        org.emu4e.engine.cpu.a64.exception.Alignment.checkSp(rig.cpu(), 0x1008); // SA clear
        rig.cpu().sys().sctlr[1] |= 1 << 3;
        GuestException e = org.junit.jupiter.api.Assertions.assertThrows(GuestException.class,
                () -> org.emu4e.engine.cpu.a64.exception.Alignment.checkSp(rig.cpu(), 0x1008));
        assertEquals(GuestException.EC_SP_ALIGN, e.ec());
        org.emu4e.engine.cpu.a64.exception.Alignment.checkSp(rig.cpu(), 0x1010);
        assertFalse(rig.s().il);
    }
}
