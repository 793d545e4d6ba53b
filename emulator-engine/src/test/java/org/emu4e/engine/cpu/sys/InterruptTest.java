package org.emu4e.engine.cpu.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emu4e.engine.cpu.a64.exception.Exceptions;
import org.junit.jupiter.api.Test;

/** IRQ/FIQ masking and routing (D1.13) as seen at instruction boundaries. */
class InterruptTest {
    @Test
    void irqIsTakenWhenUnmaskedAndNotWhenMasked() {
        SysRig rig = new SysRig().load("movz x0, #1\n msr daifclr, #2\n movz x1, #2\n movz x2, #3");
        rig.cpu().sys().vbar[1] = SysRig.VECTORS;
        rig.irq = true;
        rig.cpu().run(1); // masked at reset
        assertEquals(SysRig.CODE + 4, rig.s().pc);
        rig.cpu().run(1); // DAIFClr: taken right after it
        assertEquals(SysRig.VECTORS + 0x280, rig.s().pc, "current EL, SPx, IRQ");
        assertEquals(SysRig.CODE + 8, rig.cpu().sys().elr[1]);
        assertEquals(0x345L, rig.cpu().sys().spsr[1], "I was clear when taken, D/A/F still set");
        assertEquals(0xF, rig.s().daif);
    }

    @Test
    void fiqFromEl0UsesTheLowerElVector() {
        SysRig rig = new SysRig().load("nop\n nop");
        rig.cpu().sys().vbar[1] = SysRig.VECTORS;
        rig.s().el = 0;
        rig.s().spsel = 0;
        rig.s().daif = 0;
        rig.fiq = true;
        assertTrue(Exceptions.takePendingInterrupt(rig.cpu()));
        assertEquals(SysRig.VECTORS + 0x500, rig.s().pc);
        assertEquals(SysRig.CODE, rig.cpu().sys().elr[1]);
    }

    @Test
    void maskedIrqAtEl0IsNotTaken() {
        SysRig rig = new SysRig().load("nop\n nop");
        rig.s().el = 0;
        rig.s().spsel = 0;
        rig.irq = true;
        assertEquals(null, rig.run());
        assertTrue(Exceptions.wfiWakeup(rig.cpu()), "masked interrupts still wake WFI");
    }

    @Test
    void imoRoutesIrqToEl2EvenWhenEl1MasksIt() {
        SysRig rig = new SysRig(2);
        rig.cpu().sys().vbar[2] = SysRig.VECTORS;
        rig.cpu().sys().hcrEl2 = (1L << 31) | (1L << 4); // RW, IMO
        rig.cpu().mmu().registersChanged(1);
        rig.s().el = 1;
        rig.load("nop\n nop");
        rig.irq = true;
        rig.s().daif = 0xF;
        assertTrue(Exceptions.takePendingInterrupt(rig.cpu()));
        assertEquals(2, rig.s().el);
        assertEquals(SysRig.VECTORS + 0x480, rig.s().pc);
    }

    @Test
    void virtualIrqGoesToEl1AndRespectsPstateI() {
        SysRig rig = new SysRig(2);
        rig.cpu().sys().vbar[1] = SysRig.VECTORS;
        rig.cpu().sys().hcrEl2 = (1L << 31) | (1L << 4) | (1L << 7); // RW, IMO, VI
        rig.s().el = 1;
        rig.load("nop\n msr daifclr, #2\n nop");
        rig.cpu().run(1);
        assertEquals(1, rig.s().el);
        assertEquals(SysRig.CODE + 4, rig.s().pc, "masked by PSTATE.I");
        rig.cpu().run(1);
        assertEquals(SysRig.VECTORS + 0x280, rig.s().pc);
        assertFalse(rig.irq);
    }

    @Test
    void interruptRoutedToEl1IsNotTakenAtEl2() {
        SysRig rig = new SysRig(2).load("msr daifclr, #3\n nop\n nop");
        rig.irq = true;
        assertEquals(null, rig.run());
        assertEquals(2, rig.s().el);
    }
}
