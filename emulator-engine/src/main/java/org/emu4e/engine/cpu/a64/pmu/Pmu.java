package org.emu4e.engine.cpu.a64.pmu;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.sysreg.SysRegAccess;

/**
 * The Performance Monitors of one PE (ARM ARM D7 "The Performance Monitors Extension",
 * PMUv3 as in ARMv8.0): the cycle counter PMCCNTR_EL0 and {@link #COUNTERS} 32-bit event
 * counters as on Cortex-A53, their enables, overflow flags and interrupt.
 *
 * <p>Counting model. The events of {@link PmuEvents} are counted; one cycle is one retired
 * instruction (the run loop's {@code A64Cpu.instructions}), so CPU_CYCLES and PMCCNTR_EL0
 * advance by exactly 1 per instruction (by 1 per 64 instructions with PMCR_EL0.D) and stand
 * still while the PE waits in WFI/WFE. Cycle and INST_RETIRED counts are not added per
 * instruction: {@link #sync} adds the instructions retired since the last sync, which is
 * exact because every sync point (a PMU register access, an exception entry, the first block
 * boundary after a change of exception level, the boundary at which a counter could
 * overflow) sees instructions of one exception level only. The run loop pays one field test
 * per block ({@link #watching}) while no counter is enabled. The other events are added as
 * they happen (hooks guarded by {@link #countsMemory} / {@link #countsBranches} /
 * {@link #watching}). An overflow is seen at the end of the block in which it happened (up to
 * 128 instructions of skid, as real PMUs have skid too).
 *
 * <p>Owned by the vCPU's thread; the interrupt output goes to the board through
 * {@code CpuEnvironment.setPmuInterrupt}.
 */
public final class Pmu {
    /** Event counters, as Cortex-A53's PMCR_EL0.N. */
    public static final int COUNTERS = 6;
    /** PMCR_EL0 identification on Cortex-A53 (TRM "PMCR_EL0"): IMP 0x41, IDCODE 0x03, N = 6; reset value. */
    public static final long PMCR_ID = 0x4103_3000L;
    static final long PMCR_E = 1;
    static final long PMCR_P = 1 << 1;
    static final long PMCR_C = 1 << 2;
    static final long PMCR_D = 1 << 3;
    static final long PMCR_X = 1 << 4;
    static final long PMCR_DP = 1 << 5;
    static final long PMCR_LC = 1 << 6;
    private static final long PMCR_RW = PMCR_E | PMCR_D | PMCR_X | PMCR_DP | PMCR_LC;
    /** PMEVTYPER<n>_EL0: P, U, NSK, NSU, NSH, M and evtCount[9:0] (ARMv8.0 has 10-bit event numbers). */
    private static final long TYPER_MASK = 0xFC00_03FFL;
    private static final long CCFILTR_MASK = 0xFC00_0000L;
    private static final int CYCLE = PmuFilter.CYCLE;

    private final A64Cpu cpu;
    private long pmcr;
    private int cnten;
    private int inten;
    private int selr;
    private int userenr;
    private long ccfiltr;
    private final long[] typer = new long[COUNTERS];
    private final PmuCounters counts = new PmuCounters();
    private boolean irq;

    /** True while some counter is enabled: the run loop then calls {@link #atBlockBoundary}. */
    public boolean watching;
    /** True while a counter counts BR_RETIRED or PC_WRITE_RETIRED at the current EL. */
    public boolean countsBranches;
    /** True while a counter counts MEM_ACCESS at the current EL. */
    public boolean countsMemory;

    // Lazy counting: instructions up to syncedAt are counted; those after it ran at syncedEl.
    private long syncedAt;
    private int syncedEl;
    /** Instructions since syncedAt that took a synchronous exception instead of retiring. */
    private long notRetired;
    private int instMask;
    private int cycleEventMask;
    private boolean cycleCounterCounts;
    private int memMask;
    private int branchMask;
    private int pcWriteMask;
    private int exceptionMask;
    /** Instruction count at which a lazily counted counter could overflow. */
    private long syncDue = Long.MAX_VALUE;

    public Pmu(A64Cpu cpu) {
        this.cpu = cpu;
    }

    /** PE reset: PMU disabled, counters and controls zero, interrupt output low. */
    public void reset() {
        pmcr = 0;
        cnten = inten = selr = userenr = 0;
        ccfiltr = 0;
        java.util.Arrays.fill(typer, 0);
        counts.reset();
        notRetired = 0;
        syncedAt = cpu.instructions;
        syncedEl = cpu.state().el;
        reconfigure();
        updateInterrupt();
    }

    // ---- hooks of the run loop and exception entry --------------------------------------

    /** Block boundary (only while {@link #watching}): syncs after an EL change or near an overflow. */
    public void atBlockBoundary() {
        if (cpu.state().el != syncedEl || cpu.instructions >= syncDue) {
            sync();
        }
    }

    /**
     * A block ended with a branch that was executed (only while {@link #countsBranches}):
     * BR_RETIRED counts it, PC_WRITE_RETIRED if it was taken.
     */
    public void branchRetired(boolean taken) {
        countDirect(taken ? branchMask | pcWriteMask : branchMask);
    }

    /** A data memory access (only while {@link #countsMemory}). */
    public void memoryAccess() {
        countDirect(memMask);
    }

    /**
     * Exception entry, before PSTATE changes (only while {@link #watching}).
     * {@code instructionRetired} is false for a synchronous exception that returns to the
     * instruction that raised it: that instruction was not architecturally executed.
     */
    public void exceptionTaken(boolean instructionRetired) {
        if (cpu.state().el != syncedEl) {
            sync();
        }
        if (!instructionRetired) {
            notRetired++;
        }
        countDirect(exceptionMask);
    }

    private void countDirect(int mask) {
        if (mask == 0) {
            return;
        }
        for (int n = 0; n < COUNTERS; n++) {
            if ((mask >>> n & 1) != 0) {
                increment(n, 1);
            }
        }
        updateInterrupt();
    }

    // ---- counting -----------------------------------------------------------------------

    /** Adds the instructions retired since the last sync to the counters counting them. */
    public void sync() {
        long now = cpu.instructions;
        long cycles = now - syncedAt;
        long retired = Math.max(0, cycles - notRetired);
        syncedAt = now;
        notRetired = 0;
        if (cycles > 0) {
            for (int n = 0; n < COUNTERS; n++) {
                if ((instMask >>> n & 1) != 0) {
                    increment(n, retired);
                } else if ((cycleEventMask >>> n & 1) != 0) {
                    increment(n, cycles);
                }
            }
            if (cycleCounterCounts) {
                counts.addCycles(cycles, (pmcr & PMCR_D) != 0, (pmcr & PMCR_LC) != 0);
            }
            updateInterrupt();
        }
        syncedEl = cpu.state().el;
        reconfigure();
    }

    /** Adds {@code by} to event counter n; a carry out of bit 31 sets PMOVS and feeds a CHAIN counter n+1. */
    private void increment(int n, long by) {
        long wraps = counts.add(n, by);
        if (wraps != 0) {
            int odd = n + 1;
            if ((n & 1) == 0 && odd < COUNTERS && event(odd) == PmuEvents.CHAIN && counts(odd)) {
                increment(odd, wraps);
            }
        }
    }

    private int event(int n) {
        return (int) typer[n] & 0x3FF;
    }

    private boolean counts(int n) {
        return PmuFilter.counts(cpu, pmcr, cnten, n == CYCLE ? ccfiltr : typer[n], n, syncedEl);
    }

    /** Recomputes which counters count what at syncedEl, and when the next sync is due. */
    private void reconfigure() {
        instMask = cycleEventMask = memMask = branchMask = pcWriteMask = exceptionMask = 0;
        boolean any = false;
        for (int n = 0; n < COUNTERS; n++) {
            any |= (cnten >>> n & 1) != 0 && PmuFilter.enableBit(cpu, pmcr, n);
            if (!counts(n)) {
                continue;
            }
            int bit = 1 << n;
            switch (event(n)) {
                case PmuEvents.INST_RETIRED -> instMask |= bit;
                case PmuEvents.CPU_CYCLES -> cycleEventMask |= bit;
                case PmuEvents.MEM_ACCESS -> memMask |= bit;
                case PmuEvents.BR_RETIRED -> branchMask |= bit;
                case PmuEvents.PC_WRITE_RETIRED -> pcWriteMask |= bit;
                case PmuEvents.EXC_TAKEN -> exceptionMask |= bit;
                default -> { }
            }
        }
        cycleCounterCounts = counts(CYCLE);
        any |= (cnten >>> CYCLE & 1) != 0 && (pmcr & PMCR_E) != 0;
        watching = any;
        countsBranches = (branchMask | pcWriteMask) != 0;
        countsMemory = memMask != 0;
        syncDue = dueAt();
    }

    private long dueAt() {
        long left = Long.MAX_VALUE;
        int lazy = instMask | cycleEventMask;
        for (int n = 0; n < COUNTERS; n++) {
            if ((lazy >>> n & 1) != 0) {
                left = Math.min(left, counts.eventsToOverflow(n));
            }
        }
        if (cycleCounterCounts) {
            left = Math.min(left, counts.cyclesToOverflow((pmcr & PMCR_D) != 0, (pmcr & PMCR_LC) != 0));
        }
        return left > Long.MAX_VALUE - syncedAt ? Long.MAX_VALUE : syncedAt + left;
    }

    /**
     * The PMU interrupt (ARM ARM {@code CheckForPMUOverflow}): asserted while some counter has
     * its PMOVSSET and PMINTENSET bits set and its enable (PMCR_EL0.E, or MDCR_EL2.HPME for
     * counters reserved for EL2). Level-sensitive; the board turns it into a PPI.
     */
    private void updateInterrupt() {
        int pending = counts.overflow & inten;
        boolean level = false;
        for (int n = 0; n < COUNTERS && !level; n++) {
            level = (pending >>> n & 1) != 0 && PmuFilter.enableBit(cpu, pmcr, n);
        }
        level |= (pending >>> CYCLE & 1) != 0 && (pmcr & PMCR_E) != 0;
        if (level != irq) {
            irq = level;
            cpu.env().setPmuInterrupt(level);
        }
    }

    // ---- registers (access checks are the caller's: sysreg.PmuRegisters) ----------------

    /**
     * Counters accessible at {@code el}: in Non-secure EL0/EL1 with EL2 enabled, the first
     * MDCR_EL2.HPMN; otherwise all of them.
     */
    public int accessibleCounters(int el) {
        if (el < 2 && SysRegAccess.el2Enabled(cpu)) {
            return Math.min(COUNTERS, PmuFilter.hpmn(cpu));
        }
        return COUNTERS;
    }

    /** Bits of PMCNTEN/PMINTEN/PMOVS that exist at {@code el}: the accessible counters and C (bit 31). */
    public int counterBits(int el) {
        return (1 << accessibleCounters(el)) - 1 | 1 << CYCLE;
    }

    /** PMCR_EL0; N reads as the accessible counters (MDCR_EL2.HPMN in Non-secure EL0/EL1). P, C read 0. */
    public long pmcr(int el) {
        return (PMCR_ID & ~(0x1FL << 11)) | ((long) accessibleCounters(el) << 11) | (pmcr & PMCR_RW);
    }

    public void writePmcr(long v, int el) {
        sync();
        if ((v & PMCR_P) != 0) {
            for (int n = 0; n < accessibleCounters(el); n++) {
                counts.event[n] = 0;
            }
        }
        if ((v & PMCR_C) != 0) {
            counts.resetCycles();
        }
        pmcr = v & PMCR_RW;
        changed();
    }

    public long countEnables() { return cnten & 0xFFFF_FFFFL; }

    public void setCountEnables(long bits, boolean set, int el) {
        sync();
        cnten = apply(cnten, bits, set, el);
        changed();
    }

    public long interruptEnables() { return inten & 0xFFFF_FFFFL; }

    public void setInterruptEnables(long bits, boolean set, int el) {
        inten = apply(inten, bits, set, el);
        updateInterrupt();
    }

    public long overflows() {
        sync();
        return counts.overflow & 0xFFFF_FFFFL;
    }

    public void setOverflows(long bits, boolean set, int el) {
        sync();
        counts.overflow = apply(counts.overflow, bits, set, el);
        changed();
    }

    private int apply(int reg, long bits, boolean set, int el) {
        int b = (int) bits & counterBits(el);
        return set ? reg | b : reg & ~b;
    }

    /** PMSWINC_EL0: each set bit increments its counter if that counter counts SW_INCR (and counts now). */
    public void softwareIncrement(long bits, int el) {
        sync();
        for (int n = 0; n < accessibleCounters(el); n++) {
            if ((bits >>> n & 1) != 0 && event(n) == PmuEvents.SW_INCR && counts(n)) {
                increment(n, 1);
            }
        }
        changed();
    }

    public long select() { return selr; }

    public void setSelect(long v) { selr = (int) v & 0x1F; }

    public long userEnable() { return userenr; }

    public void setUserEnable(long v) { userenr = (int) v & 0xF; }

    public long counter(int n) {
        sync();
        return counts.event[n];
    }

    public void setCounter(int n, long v) {
        sync();
        counts.event[n] = v & 0xFFFF_FFFFL;
        changed();
    }

    public long type(int n) { return typer[n]; }

    public void setType(int n, long v) {
        sync();
        typer[n] = v & TYPER_MASK;
        changed();
    }

    public long cycleCounter() {
        sync();
        return counts.cycles;
    }

    public void setCycleCounter(long v) {
        sync();
        counts.cycles = v;
        changed();
    }

    public long cycleFilter() { return ccfiltr; }

    public void setCycleFilter(long v) {
        sync();
        ccfiltr = v & CCFILTR_MASK;
        changed();
    }

    /** After a control change: new masks and due point (sync already done), interrupt level. */
    private void changed() {
        reconfigure();
        updateInterrupt();
    }
}
