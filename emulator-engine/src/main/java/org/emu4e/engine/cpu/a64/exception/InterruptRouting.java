package org.emu4e.engine.cpu.a64.exception;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.sysreg.SysRegAccess;
import org.emu4e.engine.cpu.a64.sysreg.SystemRegisters;

/**
 * Routing and masking of asynchronous exceptions (ARM ARM D1.13.1 "Asynchronous exception
 * routing" and D1.13.2 "Asynchronous exception masking"):
 * <ul>
 * <li>physical IRQ/FIQ go to EL3 if SCR_EL3.IRQ/FIQ, else to EL2 if EL2 is enabled and
 * HCR_EL2.TGE or IMO/FMO, else to EL1;</li>
 * <li>an interrupt whose target is below the current EL stays pending;</li>
 * <li>PSTATE.I/F masks it when the target is the current EL, or EL1 while at EL0; a target
 * above the current EL (EL2, EL3) is never masked by PSTATE;</li>
 * <li>virtual IRQ/FIQ/SError (HCR_EL2.VI/VF/VSE with IMO/FMO/AMO) go to EL1 from EL0/EL1
 * and are masked by PSTATE.</li>
 * </ul>
 */
final class InterruptRouting {
    private InterruptRouting() { }

    /** The interrupt to take now as {@code target << 16 | vectorOffset}, or -1. */
    static int pending(A64Cpu cpu) {
        CpuState s = cpu.state();
        SystemRegisters sys = cpu.sys();
        boolean el2 = SysRegAccess.el2Enabled(cpu);
        boolean el3 = cpu.env().highestEl() == 3;
        long hcr = el2 ? sys.hcrEl2 : 0;
        boolean tge = (hcr & SystemRegisters.HCR_TGE) != 0;
        if (cpu.env().fiqAsserted()) {
            int t = physicalTarget(s.el, el3 && (sys.scrEl3 & SystemRegisters.SCR_FIQ) != 0,
                    el2 && (tge || (hcr & SystemRegisters.HCR_FMO) != 0));
            if (takeable(s, t, 1)) {
                return (t << 16) | Exceptions.VEC_FIQ;
            }
        }
        if (cpu.env().irqAsserted()) {
            int t = physicalTarget(s.el, el3 && (sys.scrEl3 & SystemRegisters.SCR_IRQ) != 0,
                    el2 && (tge || (hcr & SystemRegisters.HCR_IMO) != 0));
            if (takeable(s, t, 2)) {
                return (t << 16) | Exceptions.VEC_IRQ;
            }
        }
        if (el2 && !tge && s.el <= 1) {
            if ((hcr & (SystemRegisters.HCR_FMO | SystemRegisters.HCR_VF)) == (SystemRegisters.HCR_FMO | SystemRegisters.HCR_VF)
                    && (s.daif & 1) == 0) {
                return (1 << 16) | Exceptions.VEC_FIQ;
            }
            if ((hcr & (SystemRegisters.HCR_IMO | SystemRegisters.HCR_VI)) == (SystemRegisters.HCR_IMO | SystemRegisters.HCR_VI)
                    && (s.daif & 2) == 0) {
                return (1 << 16) | Exceptions.VEC_IRQ;
            }
            if ((hcr & (SystemRegisters.HCR_AMO | SystemRegisters.HCR_VSE)) == (SystemRegisters.HCR_AMO | SystemRegisters.HCR_VSE)
                    && (s.daif & 4) == 0) {
                return (1 << 16) | Exceptions.VEC_SERROR;
            }
        }
        return -1;
    }

    private static int physicalTarget(int el, boolean toEl3, boolean toEl2) {
        if (toEl3) {
            return 3;
        }
        if (toEl2 && el <= 2) {
            return 2;
        }
        return 1;
    }

    /** {@code maskBit}: PSTATE.DAIF bit (I = 2, F = 1). */
    private static boolean takeable(CpuState s, int target, int maskBit) {
        if (target < s.el) {
            return false;
        }
        boolean maskable = target == s.el || (target == 1 && s.el == 0);
        return !maskable || (s.daif & maskBit) == 0;
    }

    /**
     * True if an interrupt is pending for this PE in a way that wakes it from WFI
     * (D1.16.2: any pending physical or virtual interrupt, even if masked by PSTATE).
     */
    static boolean wakeup(A64Cpu cpu) {
        long hcr = SysRegAccess.el2Enabled(cpu) ? cpu.sys().hcrEl2 : 0;
        return cpu.env().irqAsserted() || cpu.env().fiqAsserted()
                || (cpu.state().el <= 1 && (hcr & (SystemRegisters.HCR_VI | SystemRegisters.HCR_VF | SystemRegisters.HCR_VSE)) != 0);
    }
}
