package org.emu4e.engine.cpu.a64.pmu;

/**
 * The common architectural events this PMU counts (ARM ARM D7.10 "The PMU event number space
 * and common events"), and the PMCEID0/1_EL0 bits that announce exactly these. Any other
 * event number may be programmed into PMEVTYPER<n>_EL0 but never counts.
 */
public final class PmuEvents {
    private PmuEvents() { }

    /** Instruction architecturally executed, condition code check pass, software increment. */
    public static final int SW_INCR = 0x00;
    /** Instruction architecturally executed. */
    public static final int INST_RETIRED = 0x08;
    /** Instruction architecturally executed, condition code check pass, software change of the PC: a taken branch. */
    public static final int PC_WRITE_RETIRED = 0x0C;
    /** Exception taken. */
    public static final int EXC_TAKEN = 0x09;
    /** Cycle. */
    public static final int CPU_CYCLES = 0x11;
    /** Data memory access. */
    public static final int MEM_ACCESS = 0x13;
    /** Odd counters: an overflow of the preceding even counter (64-bit chained pairs). */
    public static final int CHAIN = 0x1E;
    /** Instruction architecturally executed, branch. */
    public static final int BR_RETIRED = 0x21;

    /** PMCEID0_EL0: bit n is common event n (0x00..0x1F). */
    public static final long PMCEID0 = bit(SW_INCR) | bit(INST_RETIRED) | bit(EXC_TAKEN) | bit(PC_WRITE_RETIRED)
            | bit(CPU_CYCLES) | bit(MEM_ACCESS) | bit(CHAIN);
    /** PMCEID1_EL0: bit n is common event 0x20 + n. */
    public static final long PMCEID1 = bit(BR_RETIRED - 0x20);

    /** True if {@code event} (PMEVTYPER.evtCount) is one this PMU counts. */
    public static boolean implemented(int event) {
        if (event < 0x20) {
            return (PMCEID0 >>> event & 1) != 0;
        }
        return event < 0x40 && (PMCEID1 >>> (event - 0x20) & 1) != 0;
    }

    /** Events derived from the retired-instruction count (counted lazily, see {@link Pmu}). */
    static boolean byInstructions(int event) {
        return event == INST_RETIRED || event == CPU_CYCLES;
    }

    private static long bit(int n) {
        return 1L << n;
    }
}
