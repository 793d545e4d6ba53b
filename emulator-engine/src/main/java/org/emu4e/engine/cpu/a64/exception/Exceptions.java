package org.emu4e.engine.cpu.a64.exception;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.sysreg.SysRegAccess;
import org.emu4e.engine.cpu.a64.sysreg.SystemRegisters;

/**
 * Exception entry for AArch64 (ARM ARM D1.10 "Exception entry", pseudocode
 * {@code AArch64.TakeException()}): chooses the target EL, saves PSTATE and the return
 * address, writes ESR/FAR, masks interrupts and jumps to the vector.
 */
public final class Exceptions {
    /** Vector offsets within a VBAR table (D1.10.2). */
    public static final int VEC_SYNC = 0x000;
    public static final int VEC_IRQ = 0x080;
    public static final int VEC_FIQ = 0x100;
    public static final int VEC_SERROR = 0x180;

    private Exceptions() { }

    /** Takes a synchronous exception raised by the instruction at {@code s.pc}. */
    public static void takeSync(A64Cpu cpu, GuestException e) {
        CpuState s = cpu.state();
        int target = e.targetEl() >= 0 ? Math.max(e.targetEl(), s.el) : syncTarget(cpu);
        int ec = sameOrLower(e.ec(), target > s.el);
        long ret = e.returnToNext() ? s.nextPc : s.pc;
        // IL = 1: every A64 instruction is 32 bits, and exceptions not caused by an
        // instruction (aborts with ISV=0, PC/SP alignment, Unknown) report IL = 1 too.
        long esr = ((long) ec << 26) | (1L << 25) | (e.iss() & 0x1FF_FFFFL);
        enter(cpu, target, ret, VEC_SYNC);
        cpu.sys().esr[target] = esr;
        if (e.farValid()) {
            cpu.sys().far[target] = e.far();
        }
    }

    /** Routing of synchronous exceptions (D1.10.4): EL1, or EL2 for EL0 when HCR_EL2.TGE is set. */
    static int syncTarget(A64Cpu cpu) {
        int el = cpu.state().el;
        if (el == 0 && SysRegAccess.tge(cpu)) {
            return 2;
        }
        return Math.max(1, el);
    }

    /** Exception classes that come in "lower EL" / "same EL" pairs (EC and EC+1). */
    private static int sameOrLower(int ec, boolean lower) {
        switch (ec) {
            case GuestException.EC_IABORT_LOWER, GuestException.EC_IABORT_SAME,
                    GuestException.EC_DABORT_LOWER, GuestException.EC_DABORT_SAME,
                    GuestException.EC_BKPT_LOWER, GuestException.EC_BKPT_SAME,
                    GuestException.EC_SSTEP_LOWER, GuestException.EC_SSTEP_SAME,
                    GuestException.EC_WATCH_LOWER, GuestException.EC_WATCH_SAME:
                return (ec & ~1) | (lower ? 0 : 1);
            default:
                return ec;
        }
    }

    /**
     * Takes the highest-priority pending, unmasked interrupt (FIQ, IRQ, then virtual FIQ, IRQ,
     * SError) at the current instruction boundary; returns true if one was taken.
     */
    public static boolean takePendingInterrupt(A64Cpu cpu) {
        int packed = InterruptRouting.pending(cpu);
        if (packed < 0) {
            return false;
        }
        int kind = packed & 0xFFFF;
        int target = packed >>> 16;
        CpuState s = cpu.state();
        enter(cpu, target, s.pc, kind);
        if (kind == VEC_SERROR) {
            // Virtual SError (HCR_EL2.VSE): syndrome IMPLEMENTATION DEFINED, we report EC 0x2F, ISS 0.
            cpu.sys().esr[target] = ((long) GuestException.EC_SERROR << 26) | (1L << 25);
            cpu.sys().hcrEl2 &= ~SystemRegisters.HCR_VSE;
        }
        return true;
    }

    /**
     * True if a pending interrupt would wake this PE from WFI (even one masked by PSTATE:
     * D1.16.2 "Wait for Interrupt"). For the runtime's wait path.
     */
    public static boolean wfiWakeup(A64Cpu cpu) {
        return InterruptRouting.wakeup(cpu);
    }

    /** Common exception entry: SPSR/ELR of the target, PSTATE update, branch to the vector. */
    static void enter(A64Cpu cpu, int target, long returnAddress, int kindOffset) {
        CpuState s = cpu.state();
        SystemRegisters sys = cpu.sys();
        if (cpu.pmu().watching) {
            // A synchronous exception returning to its own instruction: that one did not retire.
            cpu.pmu().exceptionTaken(kindOffset != VEC_SYNC || returnAddress != s.pc);
        }
        long base;
        if (s.el < target) {
            base = 0x400; // lower EL using AArch64
        } else {
            base = s.spsel == 0 ? 0x000 : 0x200;
        }
        sys.spsr[target] = s.pstateToSpsr() & ~(1L << 22);
        sys.elr[target] = returnAddress;
        s.el = target;
        s.spsel = 1;
        s.daif = 0xF;
        s.ss = false;
        s.il = false;
        s.pan = false;
        s.pc = (sys.vbar[target] & ~0x7FFL) + base + kindOffset;
        s.nextPc = s.pc;
        cpu.clearExclusive();
    }
}
