package org.emu4e.engine.cpu.a64.debug;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.sysreg.SysRegAccess;
import org.emu4e.engine.cpu.a64.sysreg.SystemRegisters;

/**
 * When self-hosted debug exceptions (breakpoint, watchpoint, software step) may be generated,
 * and where they go (ARM ARM D2.4 "Routing debug exceptions", D2.5 "Enabling debug
 * exceptions"; pseudocode {@code DebugTarget()}, {@code AArch64.GenerateDebugExceptionsFrom()},
 * {@code DoubleLockStatus()}). BRK is not subject to any of this.
 */
public final class DebugEnable {
    /** MDSCR_EL1 bits (D17.3.x "MDSCR_EL1"). */
    public static final long MDSCR_SS = 1L;
    public static final long MDSCR_KDE = 1L << 13;
    public static final long MDSCR_MDE = 1L << 15;
    /** MDCR_EL2.TDE: route debug exceptions from EL0/EL1 to EL2. */
    public static final long MDCR_TDE = 1L << 8;
    /** MDCR_EL3.SDD: no debug exceptions from Secure state. */
    public static final long MDCR_SDD = 1L << 16;

    private DebugEnable() { }

    /** {@code IsSecure()} for a PE without Secure EL2: EL3 exists and (EL3 or SCR_EL3.NS == 0). */
    static boolean secure(A64Cpu cpu, int el) {
        return cpu.env().highestEl() == 3 && (el == 3 || (cpu.sys().scrEl3 & SystemRegisters.SCR_NS) == 0);
    }

    /** {@code DebugTarget()}: EL2 when EL2 is enabled and HCR_EL2.TGE or MDCR_EL2.TDE, else EL1. */
    public static int target(A64Cpu cpu) {
        SystemRegisters sys = cpu.sys();
        return SysRegAccess.el2Enabled(cpu) && ((sys.hcrEl2 & SystemRegisters.HCR_TGE) != 0 || (sys.mdcrEl2 & MDCR_TDE) != 0)
                ? 2 : 1;
    }

    /** The OS lock or the OS double lock (OSDLR_EL1.DLK with DBGPRCR_EL1.CORENPDRQ clear) holds. */
    public static boolean locked(SystemRegisters sys) {
        return sys.osLock || ((sys.osdlrEl1 & 1) != 0 && (sys.dbgprcrEl1 & 1) == 0);
    }

    /** {@code AArch64.GenerateDebugExceptions()} for the current EL and PSTATE.D. */
    public static boolean enabled(A64Cpu cpu) {
        return enabledFrom(cpu, cpu.state().el, (cpu.state().daif & 8) != 0);
    }

    /** {@code AArch64.GenerateDebugExceptionsFrom(from, secure, mask)}. */
    public static boolean enabledFrom(A64Cpu cpu, int from, boolean dMasked) {
        SystemRegisters sys = cpu.sys();
        if (locked(sys) || from == 3) {
            return false;
        }
        if (secure(cpu, from) && (sys.mdcrEl3 & MDCR_SDD) != 0) {
            return false;
        }
        int target = target(cpu);
        if (from == target) {
            return (sys.mdscrEl1 & MDSCR_KDE) != 0 && !dMasked;
        }
        return target > from;
    }
}
