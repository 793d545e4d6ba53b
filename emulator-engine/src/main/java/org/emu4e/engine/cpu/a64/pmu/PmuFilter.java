package org.emu4e.engine.cpu.a64.pmu;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.sysreg.SystemRegisters;

/**
 * Whether counter n counts at an exception level: the ARMv8.0 pseudocode
 * {@code AArch64.CountEvents(n)} (ARM ARM D7 "Counter enables", "Prohibiting event counting",
 * "Filtering by Exception level and Security state"). Counter 31 is the cycle counter.
 */
final class PmuFilter {
    private PmuFilter() { }

    static final int CYCLE = 31;
    private static final long MDCR_HPME = 1L << 7;
    private static final long MDCR_EL3_SPME = 1L << 17;
    // PMEVTYPER<n>_EL0 / PMCCFILTR_EL0 filter bits.
    static final long P = 1L << 31;
    static final long U = 1L << 30;
    static final long NSK = 1L << 29;
    static final long NSU = 1L << 28;
    static final long NSH = 1L << 27;
    static final long M = 1L << 26;

    /** PMCR_EL0.E, or for a counter that MDCR_EL2.HPMN reserves for EL2, MDCR_EL2.HPME. */
    static boolean enableBit(A64Cpu cpu, long pmcr, int n) {
        if (n != CYCLE && cpu.env().highestEl() >= 2 && n >= hpmn(cpu)) {
            return (cpu.sys().mdcrEl2 & MDCR_HPME) != 0;
        }
        return (pmcr & Pmu.PMCR_E) != 0;
    }

    static int hpmn(A64Cpu cpu) {
        return (int) cpu.sys().mdcrEl2 & 0x1F;
    }

    /** IsSecure(): with EL3, Secure unless SCR_EL3.NS (EL3 itself is always Secure); without EL3, Non-secure. */
    static boolean secure(A64Cpu cpu, int el) {
        return cpu.env().highestEl() == 3 && (el == 3 || (cpu.sys().scrEl3 & SystemRegisters.SCR_NS) == 0);
    }

    /**
     * CountEvents(n) at {@code el}: enabled (E and PMCNTENSET bit), not prohibited (Secure
     * state without MDCR_EL3.SPME; the cycle counter still counts there unless PMCR_EL0.DP),
     * and not filtered by the P/U/NSK/NSU/NSH/M bits of {@code filter}.
     */
    static boolean counts(A64Cpu cpu, long pmcr, int cnten, long filter, int n, int el) {
        if (!enableBit(cpu, pmcr, n) || (cnten >>> n & 1) == 0) {
            return false;
        }
        boolean secure = secure(cpu, el);
        boolean prohibited = secure && (cpu.sys().mdcrEl3 & MDCR_EL3_SPME) == 0;
        if (prohibited && n == CYCLE) {
            prohibited = (pmcr & Pmu.PMCR_DP) != 0;
        }
        if (prohibited) {
            return false;
        }
        boolean hasEl3 = cpu.env().highestEl() == 3;
        boolean p = (filter & P) != 0;
        boolean u = (filter & U) != 0;
        boolean nsk = hasEl3 && (filter & NSK) != 0;
        boolean nsu = hasEl3 && (filter & NSU) != 0;
        boolean nsh = cpu.env().highestEl() >= 2 && (filter & NSH) != 0;
        boolean m = hasEl3 && (filter & M) != 0;
        boolean filtered = switch (el) {
            case 0 -> secure ? u : u != nsu;
            case 1 -> secure ? p : p != nsk;
            case 2 -> !nsh;
            default -> m != p;
        };
        return !filtered;
    }
}
