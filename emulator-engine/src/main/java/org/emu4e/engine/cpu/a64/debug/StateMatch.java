package org.emu4e.engine.cpu.a64.debug;

import org.emu4e.engine.cpu.a64.A64Cpu;

/**
 * The privilege, security-state and linked-context conditions shared by breakpoints and
 * watchpoints (ARM ARM D2.9/D2.10, pseudocode {@code AArch64.StateMatch()}). Reserved
 * HMC:SSC:PxC combinations, and those naming an EL this PE does not implement, are CONSTRAINED
 * UNPREDICTABLE; this model takes the "disabled" option (no match), as does QEMU.
 */
final class StateMatch {
    private StateMatch() { }

    /**
     * @param pxc PMC (breakpoints) or PAC (watchpoints)
     * @param privileged for watchpoints: the access is privileged (not EL0, not LDTR/STTR);
     *        breakpoints pass {@code el != 0}
     */
    static boolean matches(A64Cpu cpu, SelfHostedDebug regs, int ssc, int hmc, int pxc, boolean linked, int lbn,
            boolean breakpoint, boolean privileged) {
        int hi = cpu.env().highestEl();
        boolean haveEl3 = hi == 3;
        boolean haveEl2 = hi >= 2;
        int bits = (hmc << 4) | (ssc << 2) | pxc;
        if (reserved(bits)
                || (hmc == 0 && pxc == 0)              // AArch32 User/Svc/Sys only; no AArch32 EL1 here
                || ((ssc == 1 || ssc == 2) && !haveEl3)
                || ((hmc << 2 | ssc) != 0 && (hmc << 2 | ssc) != 7 && !haveEl3 && !haveEl2)
                || (bits == 0b11100 && !haveEl2)) {
            return false;
        }
        boolean el3 = haveEl3 && hmc == 1 && (ssc & 1) == 0;
        boolean el2 = haveEl2 && ((hmc == 1 && ((ssc << 2) | pxc) != 0b1000) || ssc == 3);
        boolean el1 = (pxc & 1) != 0;
        boolean el0 = (pxc & 2) != 0;
        int el = cpu.state().el;
        boolean priv;
        if (!privileged && !breakpoint) {
            priv = el0;
        } else {
            priv = switch (el) {
                case 3 -> el3;
                case 2 -> el2;
                case 1 -> el1;
                default -> el0;
            };
        }
        boolean secure = DebugEnable.secure(cpu, el);
        boolean security = switch (ssc) {
            case 1 -> !secure;
            case 2 -> secure;
            case 3 -> hmc == 1 || secure;
            default -> true;
        };
        if (!priv || !security) {
            return false;
        }
        if (!linked) {
            return true;
        }
        // LBN must name a context-aware breakpoint; otherwise no match (the "disabled" option).
        if (lbn < SelfHostedDebug.FIRST_CONTEXT_BRP || lbn >= SelfHostedDebug.BRPS) {
            return false;
        }
        return BreakpointMatch.linkedContextMatches(cpu, regs, lbn);
    }

    private static boolean reserved(int hmcSscPxc) {
        int b = hmcSscPxc;
        return (b >>> 2) == 0b011                  // 011xx
                || (b & 0b11101) == 0b10000         // 100x0
                || (b & 0b11101) == 0b10100         // 101x0
                || b == 0b11010 || b == 0b11101
                || (b >>> 1) == 0b1111;             // 1111x
    }
}
