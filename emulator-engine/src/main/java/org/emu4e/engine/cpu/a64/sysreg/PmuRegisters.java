package org.emu4e.engine.cpu.a64.sysreg;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.pmu.Pmu;
import org.emu4e.engine.cpu.a64.pmu.PmuEvents;

/**
 * Performance Monitors registers (ARM ARM D7, D17.5 "Performance Monitors registers"); the
 * counters and their semantics are {@link Pmu} ({@code cpu.pmu()}). This file holds the
 * encodings and the access rules of each register's MRS/MSR pseudocode: at EL0 the
 * PMUSERENR_EL0 enables (EN for all; SW also allows PMSWINC writes, CR PMCCNTR reads, ER event
 * counter reads and PMSELR) else a trap to EL1 (EL2 with HCR_EL2.TGE); then MDCR_EL2.TPM (and
 * TPMCR for PMCR_EL0) trap EL0/EL1 to EL2 and MDCR_EL3.TPM traps EL0..EL2 to EL3. Event
 * counter encodings beyond PMCR_EL0.N are UNDEFINED; PMXEV* with PMSELR_EL0.SEL naming no
 * counter read as zero and ignore writes (both CONSTRAINED UNPREDICTABLE choices).
 */
final class PmuRegisters {
    private PmuRegisters() { }

    // PMUSERENR_EL0 bits.
    static final int EN = 1;
    static final int SW = 1 << 1;
    static final int CR = 1 << 2;
    static final int ER = 1 << 3;
    // MDCR_EL2 / MDCR_EL3 trap bits.
    private static final long TPMCR = 1L << 5;
    private static final long TPM = 1L << 6;

    static void register(SysRegTable.Builder b) {
        b.add("PMCR_EL0", 3, 3, 9, 12, 0, 0, c -> c.pmu().pmcr(c.state().el),
                (c, v) -> c.pmu().writePmcr(v, c.state().el), access(0, 0, TPMCR));
        b.add("PMCNTENSET_EL0", 3, 3, 9, 12, 1, 0, c -> c.pmu().countEnables(),
                (c, v) -> c.pmu().setCountEnables(v, true, c.state().el), access(0, 0, 0));
        b.add("PMCNTENCLR_EL0", 3, 3, 9, 12, 2, 0, c -> c.pmu().countEnables(),
                (c, v) -> c.pmu().setCountEnables(v, false, c.state().el), access(0, 0, 0));
        b.add("PMOVSCLR_EL0", 3, 3, 9, 12, 3, 0, c -> c.pmu().overflows(),
                (c, v) -> c.pmu().setOverflows(v, false, c.state().el), access(0, 0, 0));
        b.add("PMSWINC_EL0", 3, 3, 9, 12, 4, 0, null,
                (c, v) -> c.pmu().softwareIncrement(v, c.state().el), access(0, SW, 0));
        b.add("PMSELR_EL0", 3, 3, 9, 12, 5, 0, c -> c.pmu().select(), (c, v) -> c.pmu().setSelect(v), access(ER, ER, 0));
        b.add("PMCEID0_EL0", 3, 3, 9, 12, 6, 0, c -> PmuEvents.PMCEID0, null, access(0, 0, 0));
        b.add("PMCEID1_EL0", 3, 3, 9, 12, 7, 0, c -> PmuEvents.PMCEID1, null, access(0, 0, 0));
        b.add("PMCCNTR_EL0", 3, 3, 9, 13, 0, 0, c -> c.pmu().cycleCounter(), (c, v) -> c.pmu().setCycleCounter(v),
                access(CR, 0, 0));
        b.add("PMXEVTYPER_EL0", 3, 3, 9, 13, 1, 0, PmuRegisters::readXevtyper, PmuRegisters::writeXevtyper,
                access(0, 0, 0));
        b.add("PMXEVCNTR_EL0", 3, 3, 9, 13, 2, 0, PmuRegisters::readXevcntr, PmuRegisters::writeXevcntr,
                access(ER, 0, 0));
        b.add("PMUSERENR_EL0", 3, 3, 9, 14, 0, 0, c -> c.pmu().userEnable(), (c, v) -> c.pmu().setUserEnable(v),
                PmuRegisters::userEnableAccess);
        b.add("PMINTENSET_EL1", 3, 0, 9, 14, 1, 1, c -> c.pmu().interruptEnables(),
                (c, v) -> c.pmu().setInterruptEnables(v, true, c.state().el), access(0, 0, 0));
        b.add("PMINTENCLR_EL1", 3, 0, 9, 14, 2, 1, c -> c.pmu().interruptEnables(),
                (c, v) -> c.pmu().setInterruptEnables(v, false, c.state().el), access(0, 0, 0));
        b.add("PMOVSSET_EL0", 3, 3, 9, 14, 3, 0, c -> c.pmu().overflows(),
                (c, v) -> c.pmu().setOverflows(v, true, c.state().el), access(0, 0, 0));
        for (int i = 0; i < Pmu.COUNTERS; i++) {
            final int n = i;
            int crm = 8 + (n >> 3);
            b.add("PMEVCNTR" + n + "_EL0", 3, 3, 14, crm, n & 7, 0, c -> c.pmu().counter(n),
                    (c, v) -> c.pmu().setCounter(n, v), access(ER, 0, 0));
            b.add("PMEVTYPER" + n + "_EL0", 3, 3, 14, crm + 4, n & 7, 0, c -> c.pmu().type(n),
                    (c, v) -> c.pmu().setType(n, v), access(0, 0, 0));
        }
        b.add("PMCCFILTR_EL0", 3, 3, 14, 15, 7, 0, c -> c.pmu().cycleFilter(), (c, v) -> c.pmu().setCycleFilter(v),
                access(0, 0, 0));
    }

    /**
     * The access rule shared by the PMU registers: {@code readAlso}/{@code writeAlso} are the
     * PMUSERENR_EL0 bits besides EN that allow the access at EL0; {@code el2Trap} the MDCR_EL2
     * bit besides TPM that traps it from EL0/EL1 (TPMCR for PMCR_EL0).
     */
    private static SysReg.Check access(int readAlso, int writeAlso, long el2Trap) {
        return (c, read, insn) -> {
            int el = c.state().el;
            if (el == 0 && (c.pmu().userEnable() & (EN | (read ? readAlso : writeAlso))) == 0) {
                throw SysRegAccess.trap(insn, SysRegAccess.tge(c) ? 2 : 1);
            }
            higherElTraps(c, insn, el2Trap);
        };
    }

    private static void higherElTraps(A64Cpu c, int insn, long el2Trap) {
        int el = c.state().el;
        if (el <= 1 && SysRegAccess.el2Enabled(c) && (c.sys().mdcrEl2 & (TPM | el2Trap)) != 0) {
            throw SysRegAccess.trap(insn, 2);
        }
        if (el <= 2 && c.env().highestEl() == 3 && (c.sys().mdcrEl3 & TPM) != 0) {
            throw SysRegAccess.trap(insn, 3);
        }
    }

    /** PMUSERENR_EL0: EL0 may read it (no enable needed) but a write there is UNDEFINED. */
    private static void userEnableAccess(A64Cpu c, boolean read, int insn) {
        if (c.state().el == 0 && !read) {
            throw GuestException.undefined();
        }
        higherElTraps(c, insn, 0);
    }

    /** PMSELR_EL0.SEL names an accessible event counter (31 is the cycle counter). */
    private static int selected(A64Cpu c) {
        int sel = (int) c.pmu().select();
        return sel < c.pmu().accessibleCounters(c.state().el) ? sel : -1;
    }

    private static long readXevtyper(A64Cpu c) {
        if (c.pmu().select() == 31) {
            return c.pmu().cycleFilter();
        }
        int n = selected(c);
        return n < 0 ? 0 : c.pmu().type(n);
    }

    private static void writeXevtyper(A64Cpu c, long v) {
        if (c.pmu().select() == 31) {
            c.pmu().setCycleFilter(v);
            return;
        }
        int n = selected(c);
        if (n >= 0) {
            c.pmu().setType(n, v);
        }
    }

    private static long readXevcntr(A64Cpu c) {
        int n = selected(c);
        return n < 0 ? 0 : c.pmu().counter(n);
    }

    private static void writeXevcntr(A64Cpu c, long v) {
        int n = selected(c);
        if (n >= 0) {
            c.pmu().setCounter(n, v);
        }
    }
}
