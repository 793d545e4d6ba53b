package org.emu4e.engine.cpu.a64.gdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emu4e.engine.cpu.a64.CpuExit;
import org.emu4e.engine.testing.CpuRig;
import org.junit.jupiter.api.Test;

/**
 * The stepping choice the GDB stub documents: like QEMU's SSTEP_NOIRQ, a debugger single
 * step executes the next instruction even with an unmasked IRQ pending; the IRQ is taken
 * once the CPU runs normally again.
 */
class StepMasksInterruptsTest {
    private CpuRig rig() {
        CpuRig rig = new CpuRig().load("mov x0, #1\nmov x1, #2\nmov x2, #3");
        rig.cpu().sys().vbar[1] = CpuRig.RAM_BASE + 0x800;
        rig.cpu().bus().write(CpuRig.RAM_BASE + 0x800 + 0x280, 4, 0xd503201fL); // nop at the IRQ vector
        rig.s().daif = 0; // IRQs unmasked
        rig.irq = true;
        return rig;
    }

    @Test
    void singleStepExecutesTheNextInstructionNotTheVector() {
        CpuRig rig = rig();
        rig.cpu().singleStep = true;
        assertEquals(CpuExit.STEP, rig.cpu().run(1));
        assertEquals(CpuRig.CODE + 4, rig.s().pc);
        assertEquals(1, rig.s().x[0]);
        rig.cpu().singleStep = false;
        rig.cpu().run(1);
        assertEquals(CpuRig.RAM_BASE + 0x800 + 0x284, rig.s().pc, "IRQ taken (current EL, SP_ELx) when running normally");
    }

    @Test
    void theChoiceCanBeTurnedOff() {
        CpuRig rig = rig();
        rig.cpu().stepMasksInterrupts = false;
        rig.cpu().singleStep = true;
        rig.cpu().run(1);
        assertEquals(CpuRig.RAM_BASE + 0x800 + 0x284, rig.s().pc, "step entered the IRQ vector (and ran its nop)");
        assertEquals(0, rig.s().x[0]);
    }
}
