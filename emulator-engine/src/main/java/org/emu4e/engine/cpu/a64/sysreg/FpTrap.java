package org.emu4e.engine.cpu.a64.sysreg;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.GuestException;

/**
 * Traps of SIMD&FP accesses (ARM ARM D1.? "Configurable instruction enables and disables",
 * CPACR_EL1.FPEN, CPTR_EL2.TFP, CPTR_EL3.TFP). Instructions that touch FP/SIMD state and
 * MRS/MSR of FPCR/FPSR call {@link #check}; it throws EC 0x07 to the EL that traps.
 */
public final class FpTrap {
    private FpTrap() { }

    public static void check(A64Cpu cpu) {
        SystemRegisters sys = cpu.sys();
        int el = cpu.state().el;
        if (el <= 1) {
            int fpen = (int) (sys.cpacrEl1 >>> 20) & 3;
            boolean trapped = el == 0 ? fpen != 3 : (fpen == 0 || fpen == 2);
            if (trapped && !SysRegAccess.tge(cpu)) {
                throw new GuestException(GuestException.EC_FP_ACCESS, 0, 0, false, 1, false);
            }
        }
        if (el <= 2 && SysRegAccess.el2Enabled(cpu) && (sys.cptrEl2 & (1L << 10)) != 0) {
            throw new GuestException(GuestException.EC_FP_ACCESS, 0, 0, false, 2, false);
        }
        if (cpu.env().highestEl() == 3 && (sys.cptrEl3 & (1L << 10)) != 0) {
            throw new GuestException(GuestException.EC_FP_ACCESS, 0, 0, false, 3, false);
        }
    }
}
