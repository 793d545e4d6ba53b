package org.emu4e.engine.cpu.a64.exception;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.sysreg.SysRegAccess;
import org.emu4e.engine.cpu.a64.sysreg.SystemRegisters;

/**
 * ERET (ARM ARM C6.2.84; pseudocode {@code AArch64.ExceptionReturn()}): restores PSTATE from
 * SPSR_ELx and branches to ELR_ELx. An illegal return (D1.11.3 "Illegal return events from
 * AArch64 state") keeps EL and SP selection, restores the other fields and sets PSTATE.IL, so
 * the next instruction takes an Illegal Execution state exception (EC 0x0E).
 */
public final class ExceptionReturn {
    private ExceptionReturn() { }

    public static void eret(A64Cpu cpu) {
        CpuState s = cpu.state();
        if (s.el == 0) {
            throw GuestException.undefined();
        }
        SystemRegisters sys = cpu.sys();
        long spsr = sys.spsr[s.el];
        long target = sys.elr[s.el];
        int curEl = s.el;
        int curSp = s.spsel;
        boolean illegal = illegalReturn(cpu, spsr);
        boolean ss = cpu.selfDebug().step.returnSs(cpu, spsr, illegal ? curEl : (int) (spsr >>> 2) & 3);
        s.spsrToPstate(spsr);
        s.ss = ss;
        s.pan = false;
        if (illegal) {
            s.el = curEl;
            s.spsel = curSp;
            s.il = true;
        }
        // A misaligned ELR faults (PC alignment) when the next instruction is fetched.
        s.nextPc = target;
        cpu.clearExclusive();
        cpu.eventRegister = true; // D1.16.1: an exception return sets the Event Register
        cpu.recheckInterrupts = true;
    }

    /** D1.11.3: the SPSR describes a state this PE can't return to from the current EL. */
    static boolean illegalReturn(A64Cpu cpu, long spsr) {
        CpuState s = cpu.state();
        if ((spsr & 0x10) != 0) {
            return true; // AArch32 not implemented
        }
        int m = (int) spsr & 0xF;
        int el = m >>> 2;
        if ((m & 2) != 0 || m == 1) {
            return true; // reserved M encodings; EL0 with SP_ELx
        }
        if (el > s.el || el > cpu.env().highestEl()) {
            return true;
        }
        if (el == 2 && !SysRegAccess.el2Enabled(cpu)) {
            return true; // EL2 absent or Secure state
        }
        return el == 1 && s.el == 2 && SysRegAccess.tge(cpu);
    }
}
