package org.emu4e.engine.cpu.a64.debug;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.GuestException;

/**
 * The software step state machine (ARM ARM D2.12 "Software Step exceptions"). Step is active
 * when MDSCR_EL1.SS is set and debug exceptions are enabled from the current EL
 * ({@code AArch64.GenerateDebugExceptions()}); then PSTATE.SS = 1 is "active-not-pending" (the
 * PE executes one instruction, after which {@code SSAdvance()} clears PSTATE.SS) and
 * PSTATE.SS = 0 is "active-pending" (a Software Step exception is taken before the next
 * instruction, ahead of every other synchronous exception).
 *
 * <p>The run loop asks {@link #state} only while MDSCR_EL1.SS is set, and then runs blocks of
 * one instruction; everything that can change the state (MSR, ERET, exceptions) ends a block.
 * Exception entry clears PSTATE.SS after saving it in SPSR_ELx.SS; SVC, HVC and SMC advance
 * the state machine first (so SPSR.SS = 0), other exceptions leave the stepped instruction
 * unstepped (SPSR.SS = 1). ERET sets PSTATE.SS from SPSR.SS only when step is disabled at the
 * source and enabled at the destination ({@code DebugExceptionReturnSS()}).
 */
public final class SoftwareStep {
    public static final int INACTIVE = 0;
    public static final int ACTIVE_NOT_PENDING = 1;
    public static final int ACTIVE_PENDING = 2;

    private static final int ERET = 0xD69F_03E0;

    /** Set when the last instruction was stepped ({@code !SoftwareStep_DidNotStep()}). */
    private boolean stepped;
    /** The stepped instruction was a load-exclusive ({@code SoftwareStep_SteppedEX()}). */
    private boolean steppedExclusive;

    /** The state now; call only when MDSCR_EL1.SS is set. */
    public static int state(A64Cpu cpu) {
        if ((cpu.sys().mdscrEl1 & DebugEnable.MDSCR_SS) == 0 || !DebugEnable.enabled(cpu)) {
            return INACTIVE;
        }
        return cpu.state().ss ? ACTIVE_NOT_PENDING : ACTIVE_PENDING;
    }

    /**
     * {@code AArch64.SoftwareStepException()}: EC 0x32/0x33, preferred return the next
     * instruction to execute, ISS.ISV = 1 when an instruction was stepped, with ISS.EX = 1 if
     * it was a load-exclusive (LDXR, LDAXR, LDXP, LDAXP); IFSC = debug exception.
     */
    public GuestException exception(A64Cpu cpu) {
        int iss = SelfHostedDebug.FSC_DEBUG;
        if (stepped) {
            iss |= 1 << 24;
            if (steppedExclusive) {
                iss |= 1 << 6;
            }
        }
        stepped = false;
        return new GuestException(GuestException.EC_SSTEP_LOWER, iss, 0, false, DebugEnable.target(cpu), false);
    }

    /** {@code SSAdvance()} after the stepped instruction {@code insn} completed without an exception. */
    public void completed(A64Cpu cpu, int insn) {
        if (insn != ERET) {
            cpu.state().ss = false; // an ERET has set PSTATE.SS itself
        }
        stepped = true;
        steppedExclusive = (insn & 0x3FC0_0000) == 0x0840_0000; // LDXR/LDAXR/LDXP/LDAXP (C4.1.4)
    }

    /**
     * The stepped instruction raises {@code e}: SVC, HVC and SMC (the exceptions that return to
     * the next instruction) complete the step first, so SPSR.SS is saved as 0.
     */
    public void raising(A64Cpu cpu, GuestException e) {
        if (e.returnToNext()) {
            cpu.state().ss = false;
            stepped = true;
            steppedExclusive = false;
        }
    }

    /**
     * {@code DebugExceptionReturnSS()}: PSTATE.SS for an exception return with {@code spsr} to
     * {@code targetEl}, evaluated before PSTATE changes. The instruction after an ERET that was
     * not itself stepped was not stepped either ({@code SoftwareStep_DidNotStep()}).
     */
    public boolean returnSs(A64Cpu cpu, long spsr, int targetEl) {
        stepped = false;
        if ((cpu.sys().mdscrEl1 & DebugEnable.MDSCR_SS) == 0) {
            return false;
        }
        boolean atSource = DebugEnable.enabled(cpu);
        boolean atDest = DebugEnable.enabledFrom(cpu, targetEl, (spsr & (1L << 9)) != 0);
        return !atSource && atDest && (spsr & (1L << 21)) != 0;
    }
}
