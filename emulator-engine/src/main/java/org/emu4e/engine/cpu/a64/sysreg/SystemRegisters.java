package org.emu4e.engine.cpu.a64.sysreg;

/**
 * Storage for the system registers of one PE. Arrays are indexed by exception level; the
 * translation-control registers of EL2/EL3 have their own fields beside the EL1 ones. The
 * MRS/MSR access table (encodings, access rules, side effects) is {@link SysRegTable}, built
 * from the group files ({@link IdRegisters}, {@link El1Registers}, ...).
 */
public final class SystemRegisters {
    // HCR_EL2 bits (D17.2.48).
    public static final long HCR_VM = 1L;
    public static final long HCR_FMO = 1L << 3;
    public static final long HCR_IMO = 1L << 4;
    public static final long HCR_AMO = 1L << 5;
    public static final long HCR_VF = 1L << 6;
    public static final long HCR_VI = 1L << 7;
    public static final long HCR_VSE = 1L << 8;
    public static final long HCR_DC = 1L << 12;
    public static final long HCR_TWI = 1L << 13;
    public static final long HCR_TWE = 1L << 14;
    public static final long HCR_TSC = 1L << 19;
    public static final long HCR_TGE = 1L << 27;
    public static final long HCR_RW = 1L << 31;
    // SCR_EL3 bits (D17.2.117).
    public static final long SCR_NS = 1L;
    public static final long SCR_IRQ = 1L << 1;
    public static final long SCR_FIQ = 1L << 2;
    public static final long SCR_EA = 1L << 3;
    public static final long SCR_SMD = 1L << 7;
    public static final long SCR_HCE = 1L << 8;
    public static final long SCR_RW = 1L << 10;
    public static final long SCR_TWI = 1L << 12;
    public static final long SCR_TWE = 1L << 13;
    // SCTLR_ELx bits (D17.2.118).
    public static final long SCTLR_M = 1L;
    public static final long SCTLR_A = 1L << 1;
    public static final long SCTLR_SA = 1L << 3;
    public static final long SCTLR_SA0 = 1L << 4;
    public static final long SCTLR_UMA = 1L << 9;
    public static final long SCTLR_DZE = 1L << 14;
    public static final long SCTLR_UCT = 1L << 15;
    public static final long SCTLR_NTWI = 1L << 16;
    public static final long SCTLR_NTWE = 1L << 18;
    public static final long SCTLR_WXN = 1L << 19;
    public static final long SCTLR_UCI = 1L << 26;

    /** RES1 bits of SCTLR_EL1 and SCTLR_EL2/EL3 in ARMv8.0 (reads return them set). */
    public static final long SCTLR_EL1_RES1 = 0x30D0_0800L;
    public static final long SCTLR_EL23_RES1 = 0x30C5_0830L;

    public final long[] sctlr = new long[4];
    public final long[] actlr = new long[4];
    public final long[] vbar = new long[4];
    public final long[] elr = new long[4];
    public final long[] spsr = new long[4];
    public final long[] esr = new long[4];
    public final long[] far = new long[4];
    public final long[] tpidr = new long[4];
    public final long[] afsr0 = new long[4];
    public final long[] afsr1 = new long[4];
    public final long[] amair = new long[4];
    public long tcrEl1;
    public long ttbr0El1;
    public long ttbr1El1;
    public long mairEl1;
    public long tcrEl2;
    public long ttbr0El2;
    public long mairEl2;
    public long tcrEl3;
    public long ttbr0El3;
    public long mairEl3;
    public long cpacrEl1;
    public long cptrEl2;
    public long cptrEl3;
    public long hcrEl2;
    public long mdcrEl2;
    public long hstrEl2;
    public long vttbrEl2;
    public long vtcrEl2;
    public long hpfarEl2;
    public long scrEl3;
    public long mdcrEl3;
    public long parEl1;
    public long contextidrEl1;
    public long tpidrroEl0;
    public long csselrEl1;
    public long mdscrEl1;
    public long osdlrEl1;
    public long dbgprcrEl1;
    public long mdccintEl1;
    public boolean osLock = true;
    public long cpuectlr;
    public long midr = 0x410F_D034L; // Cortex-A53 r0p4
    public long mpidr;
    public long vpidrEl2 = 0x410F_D034L;
    public long vmpidrEl2;

    /** Reset values of the registers that have architected ones (D1.9.1). */
    public void reset() {
        java.util.Arrays.fill(sctlr, 0);
        sctlr[1] = SCTLR_EL1_RES1;
        sctlr[2] = SCTLR_EL23_RES1;
        sctlr[3] = SCTLR_EL23_RES1;
        hcrEl2 = 0;
        scrEl3 = 0;
        cptrEl2 = 0x33FF;
        cptrEl3 = 0;
        mdcrEl2 = 6; // HPMN resets to PMCR_EL0.N, the 6 event counters (D17.2 MDCR_EL2)
        mdcrEl3 = 0;
        cpacrEl1 = 0;
        mdscrEl1 = 0;
        osLock = true;
        vpidrEl2 = midr;
        vmpidrEl2 = mpidr;
    }

    public long sctlrFor(int regime) { return sctlr[regime]; }

    public long tcr(int regime) {
        return switch (regime) {
            case 2 -> tcrEl2;
            case 3 -> tcrEl3;
            default -> tcrEl1;
        };
    }

    public long ttbr0(int regime) {
        return switch (regime) {
            case 2 -> ttbr0El2;
            case 3 -> ttbr0El3;
            default -> ttbr0El1;
        };
    }

    public long mair(int regime) {
        return switch (regime) {
            case 2 -> mairEl2;
            case 3 -> mairEl3;
            default -> mairEl1;
        };
    }
}
