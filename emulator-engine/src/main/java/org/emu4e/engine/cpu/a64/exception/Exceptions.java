package org.emu4e.engine.cpu.a64.exception;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.sysreg.SystemRegisters;

/**
 * Exception entry for AArch64 (ARM ARM D1.10 "Exception entry", pseudocode
 * {@code AArch64.TakeException()}): chooses the target EL, saves PSTATE and the return
 * address, writes ESR/FAR, masks interrupts and jumps to the vector.
 */
public final class Exceptions {
    private Exceptions() { }

    /** Takes a synchronous exception raised by the instruction at {@code s.pc}. */
    public static void takeSync(A64Cpu cpu, GuestException e) {
        CpuState s = cpu.state();
        int target = e.targetEl() >= 0 ? e.targetEl() : Math.max(1, s.el);
        long ret = e.returnToNext() ? s.nextPc : s.pc;
        long esr = ((long) e.ec() << 26) | (1L << 25) | (e.iss() & 0x1FF_FFFFL);
        enter(cpu, target, ret, esr, e.farValid() ? e.far() : -1, 0x000);
    }

    /** Takes an IRQ (fiq=false) or FIQ if one is pending and unmasked; returns true if taken. */
    public static boolean takePendingInterrupt(A64Cpu cpu) {
        CpuState s = cpu.state();
        if (cpu.env().fiqAsserted() && (s.daif & 1) == 0) {
            enter(cpu, Math.max(1, s.el), s.pc, -2, -1, 0x100);
            return true;
        }
        if (cpu.env().irqAsserted() && (s.daif & 2) == 0) {
            enter(cpu, Math.max(1, s.el), s.pc, -2, -1, 0x080);
            return true;
        }
        return false;
    }

    private static void enter(A64Cpu cpu, int target, long returnAddress, long esr, long far, int kindOffset) {
        CpuState s = cpu.state();
        SystemRegisters sys = cpu.sys();
        long base;
        if (s.el < target) {
            base = 0x400; // lower EL, AArch64
        } else {
            base = s.spsel == 0 ? 0x000 : 0x200;
        }
        sys.spsr[target] = s.pstateToSpsr();
        sys.elr[target] = returnAddress;
        if (esr != -2) {
            sys.esr[target] = esr;
        }
        if (far != -1) {
            sys.far[target] = far;
        }
        s.el = target;
        s.spsel = 1;
        s.daif = 0xF;
        s.ss = false;
        s.il = false;
        s.pc = (sys.vbar[target] & ~0x7FFL) + base + kindOffset;
        s.nextPc = s.pc;
        cpu.clearExclusive();
    }
}
