package org.emu4e.engine.cpu.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emu4e.engine.cpu.a64.GuestException;
import org.junit.jupiter.api.Test;

/** A PE with EL2 (and EL3): boot at the highest EL, drop to EL1, HVC/SMC back up, traps to EL2. */
class El2Test {
    /** EL2 boot code: EL2 vectors, HCR_EL2.RW, drop to EL1h at {@code el1}. */
    private static final String BOOT_EL2 = """
            ldr x0, =%d
            msr vbar_el2, x0
            mov x0, #(1 << 31)
            msr hcr_el2, x0
            adr x1, el1
            msr elr_el2, x1
            mov x2, #0x3c5
            msr spsr_el2, x2
            eret
            el1:
            """.formatted(SysRig.VECTORS);

    @Test
    void hvcFromEl1IsTakenToEl2WhenFirmwareDoesNotHandleIt() {
        SysRig rig = new SysRig(2);
        rig.place(SysRig.VECTORS + 0x400, """
                mrs x10, esr_el2
                mrs x11, currentel
                add x12, x0, #1
                eret
                """);
        rig.load(BOOT_EL2 + """
                mrs x3, currentel
                mov x0, #41
                hvc #0x99
                mov x4, x12
                """);
        assertEquals(null, rig.run());
        assertEquals(4, rig.s().x[3], "ran at EL1");
        assertEquals(8, rig.s().x[11], "handler ran at EL2");
        assertEquals(((long) GuestException.EC_HVC64 << 26) | (1L << 25) | 0x99, rig.s().x[10]);
        assertEquals(42, rig.s().x[4]);
        assertEquals(1, rig.s().el);
    }

    @Test
    void smcIsTrappedToEl2ByHcrTsc() {
        SysRig rig = new SysRig(2);
        rig.load(BOOT_EL2.replace("mov x0, #(1 << 31)", "ldr x0, =((1 << 31) | (1 << 19))") + "smc #3");
        rig.run(10);
        assertEquals(2, rig.s().el);
        assertEquals(GuestException.EC_SMC64, rig.ec(2));
        assertEquals(3, rig.iss(2));
        assertEquals(rig.s().pc, SysRig.VECTORS + 0x400);
        assertEquals(rig.cpu().sys().elr[2], SysRig.CODE + 9 * 4, "trapped SMC returns to itself");
    }

    @Test
    void tgeRoutesEl0ExceptionsToEl2() {
        SysRig rig = new SysRig(2);
        rig.cpu().sys().vbar[2] = SysRig.VECTORS;
        rig.cpu().sys().hcrEl2 = (1L << 31) | (1L << 27);
        rig.cpu().mmu().registersChanged(1);
        rig.s().el = 0;
        rig.s().spsel = 0;
        rig.load("svc #1");
        rig.cpu().run(1);
        assertEquals(2, rig.s().el);
        assertEquals(GuestException.EC_SVC64, rig.ec(2));
        assertEquals(SysRig.VECTORS + 0x400, rig.s().pc);
    }

    @Test
    void smcFromEl1IsTakenToEl3WithFirmwareAbsent() {
        SysRig rig = new SysRig(3);
        rig.load("""
                ldr x0, =%d
                msr vbar_el3, x0
                mov x0, #0x501
                msr scr_el3, x0
                adr x1, el1
                msr elr_el3, x1
                mov x2, #0x3c5
                msr spsr_el3, x2
                eret
                el1:
                smc #0x10
                """.formatted(SysRig.VECTORS));
        rig.run(10);
        assertEquals(3, rig.s().el);
        assertEquals(GuestException.EC_SMC64, rig.ec(3));
        assertEquals(0x10, rig.iss(3));
        assertEquals(SysRig.VECTORS + 0x400, rig.s().pc);
        assertEquals(rig.cpu().sys().elr[3], rig.codeEnd, "SMC returns after itself");
    }

    @Test
    void hvcAtEl1IsUndefinedWithoutEl2() {
        SysRig rig = new SysRig(1).load("hvc #0");
        rig.cpu().sys().vbar[1] = SysRig.VECTORS;
        rig.cpu().run(1);
        assertEquals(GuestException.EC_UNKNOWN, rig.ec(1));
    }
}
