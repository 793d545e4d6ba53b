package org.emu4e.engine.cpu.sys;

import static org.emu4e.engine.cpu.sys.DebugRig.KDE;
import static org.emu4e.engine.cpu.sys.DebugRig.SS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emu4e.engine.cpu.a64.CpuExit;
import org.emu4e.engine.cpu.a64.GuestException;
import org.junit.jupiter.api.Test;

/**
 * Software step (ARM ARM D2.12): MDSCR_EL1.SS with PSTATE.SS, set by an exception return from
 * SPSR.SS; one instruction runs (active-not-pending), then a Software Step exception (EC 0x32
 * from EL0, 0x33 from EL1) is taken before the next one with ELR = that next instruction,
 * ISS.ISV = 1 and ISS.EX = 1 after a load-exclusive.
 */
class SoftwareStepTest {
    private static final long SPSR_SS = 1L << 21;
    private static final long ESR_STEP_LOWER = 0xCA00_0022L; // EC 0x32, IL, IFSC debug
    private static final long ESR_STEP_SAME = 0xCE00_0022L;
    private static final long ISV = 1L << 24;
    private static final long EX = 1L << 6;

    /**
     * EL1 code that turns on MDSCR_EL1 = {@code mdscr} (OS lock off) and ERETs with SPSR =
     * {@code spsr} to label {@code stepped}, followed by {@code body}.
     */
    private static SysRig eretTo(int mdscr, long spsr, String body) {
        String code = "msr oslar_el1, xzr\n mov x28, #" + mdscr + "\n msr mdscr_el1, x28\n"
                + " ldr x1, =" + (SysRig.DATA + 0x100) + "\n"
                + " adr x2, stepped\n msr elr_el1, x2\n ldr x2, =" + spsr + "\n msr spsr_el1, x2\n isb\n eret\n"
                + " stepped: " + body + "\n";
        SysRig rig = DebugRig.el1(code);
        rig.runToVector();
        return rig;
    }

    private static long stepped(SysRig rig) {
        long pc = SysRig.CODE;
        while (rig.physical().read(pc, 4) != 0xD69F_03E0L) { // ERET
            pc += 4;
        }
        return pc + 4;
    }

    @Test
    void stepAtEl0RunsOneInstructionThenTrapsToEl1() {
        SysRig rig = eretTo(SS, 0x3C0 | SPSR_SS, "movz x4, #1\n movz x5, #2\n movz x6, #3");
        assertEquals(SysRig.VECTORS + 0x400, rig.s().pc);
        assertEquals(ESR_STEP_LOWER | ISV, rig.esr(1));
        assertEquals(stepped(rig) + 4, rig.cpu().sys().elr[1], "ELR = the next instruction");
        assertEquals(1, rig.s().x[4]);
        assertEquals(0, rig.s().x[5]);
        assertEquals(0, rig.cpu().sys().spsr[1] & SPSR_SS, "SPSR.SS = 0: active-pending");
    }

    @Test
    void stepAtEl1NeedsKdeAndPstateDClear() {
        SysRig rig = eretTo(SS | KDE, 0x1C5 | SPSR_SS, "movz x4, #1\n movz x5, #2");
        assertEquals(SysRig.VECTORS + 0x200, rig.s().pc);
        assertEquals(ESR_STEP_SAME | ISV, rig.esr(1));
        assertEquals(stepped(rig) + 4, rig.cpu().sys().elr[1]);

        rig = eretTo(SS, 0x1C5 | SPSR_SS, "movz x4, #1\n movz x5, #2");
        assertEquals(2, rig.s().x[5], "KDE = 0: no step at EL1");
        rig = eretTo(SS | KDE, 0x3C5 | SPSR_SS, "movz x4, #1\n movz x5, #2");
        assertEquals(2, rig.s().x[5], "PSTATE.D = 1: no step at EL1");
    }

    @Test
    void eretWithSpsrSsClearTakesTheStepExceptionAtOnceWithIsvClear() {
        SysRig rig = eretTo(SS, 0x3C0, "movz x4, #1");
        assertEquals(ESR_STEP_LOWER, rig.esr(1));
        assertEquals(stepped(rig), rig.cpu().sys().elr[1]);
        assertEquals(0, rig.s().x[4]);
    }

    @Test
    void steppingALoadExclusiveSetsEx() {
        SysRig rig = eretTo(SS, 0x3C0 | SPSR_SS, "ldxr x4, [x1]\n nop");
        assertEquals(ESR_STEP_LOWER | ISV | EX, rig.esr(1));
        rig = eretTo(SS, 0x3C0 | SPSR_SS, "ldr x4, [x1]\n nop");
        assertEquals(ESR_STEP_LOWER | ISV, rig.esr(1));
    }

    @Test
    void steppedSvcCompletesTheStepAndOtherExceptionsDoNot() {
        SysRig rig = eretTo(SS, 0x3C0 | SPSR_SS, "svc #1\n nop");
        assertEquals(GuestException.EC_SVC64, rig.ec(1));
        assertEquals(0, rig.cpu().sys().spsr[1] & SPSR_SS, "SVC: SPSR.SS = 0, step exception on return");
        rig = eretTo(SS, 0x3C0 | SPSR_SS, "brk #1\n nop");
        assertEquals(GuestException.EC_BRK64, rig.ec(1));
        assertEquals(SPSR_SS, rig.cpu().sys().spsr[1] & SPSR_SS, "BRK did not complete: SPSR.SS = 1");
    }

    @Test
    void returnFromTheHandlerStepsTheNextInstruction() {
        // The vector handler (not stepped: PSTATE.D is set at EL1) returns with SPSR.SS = 1, as a
        // debugger does to step again: one more instruction, then the next step exception.
        SysRig rig = eretTo(SS, 0x3C0 | SPSR_SS, "movz x4, #1\n movz x5, #2\n movz x6, #3");
        long first = rig.cpu().sys().elr[1];
        rig.place(SysRig.VECTORS + 0x400, "mrs x9, spsr_el1\n orr x9, x9, #(1 << 21)\n msr spsr_el1, x9\n eret");
        rig.cpu().run(6); // the handler's 4, the stepped one, the exception
        assertEquals(SysRig.VECTORS + 0x400, rig.s().pc);
        assertEquals(first + 4, rig.cpu().sys().elr[1], "one more instruction stepped");
        assertEquals(2, rig.s().x[5]);
        assertEquals(0, rig.s().x[6]);
    }

    /**
     * A debugger breakpoint on the instruction after a guest-stepped one stops there with the
     * guest's step exception still pending (the debugger checks before anything else, as QEMU's
     * breakpoint check precedes the block that starts with the step exception); the debugger's
     * own single step then takes that exception, and nothing the guest sees changes.
     */
    @Test
    void debuggerStopsBeforeAPendingGuestStepAndItsStepTakesIt() {
        SysRig rig = eretTo(SS, 0x3C0 | SPSR_SS, "movz x4, #1\n movz x5, #2\n movz x6, #3");
        long first = rig.cpu().sys().elr[1]; // the guest's step exception after movz x4
        rig.place(SysRig.VECTORS + 0x400, "mrs x9, spsr_el1\n orr x9, x9, #(1 << 21)\n msr spsr_el1, x9\n eret");
        rig.cpu().debug = new org.emu4e.engine.api.DebugHooks() {
            @Override public boolean breakpointAt(long pc) { return pc == first + 4; }
            @Override public long watchpointHit(long va, int size, boolean write) { return -1; }
            @Override public boolean hasWatchpoints() { return false; }
        };
        assertEquals(CpuExit.BREAKPOINT, rig.cpu().run(100), "the debugger's breakpoint");
        assertEquals(first + 4, rig.s().pc);
        assertEquals(2, rig.s().x[5], "the guest stepped movz x5");
        assertEquals(false, rig.s().ss, "active-pending");
        rig.cpu().skipBreakpointOnce = true;
        rig.cpu().singleStep = true;
        assertEquals(CpuExit.STEP, rig.cpu().run(1));
        rig.cpu().singleStep = false;
        assertEquals(SysRig.VECTORS + 0x400, rig.s().pc, "the debugger's step is the guest's step exception");
        assertEquals(first + 4, rig.cpu().sys().elr[1]);
        assertEquals(ESR_STEP_LOWER | ISV, rig.esr(1));
        assertEquals(0, rig.s().x[6]);
    }

    @Test
    void osLockDisablesStep() {
        String code = "mov x28, #" + SS + "\n msr mdscr_el1, x28\n" // OS lock set from reset
                + " adr x2, stepped\n msr elr_el1, x2\n ldr x2, =" + (0x3C0 | SPSR_SS) + "\n msr spsr_el1, x2\n eret\n"
                + " stepped: movz x4, #1\n movz x5, #2\n svc #0\n";
        SysRig rig = DebugRig.el1(code).runToVector();
        assertEquals(GuestException.EC_SVC64, rig.ec(1));
        assertEquals(2, rig.s().x[5]);
    }
}
