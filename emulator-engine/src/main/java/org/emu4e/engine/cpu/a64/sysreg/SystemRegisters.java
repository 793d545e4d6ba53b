package org.emu4e.engine.cpu.a64.sysreg;

/**
 * Storage for the system registers of one PE that the CPU core itself needs on hot paths
 * (exception entry/return, MMU). Arrays are indexed by exception level. The MRS/MSR
 * access table (encodings, traps, reset values) lives beside this class.
 */
public final class SystemRegisters {
    public final long[] sctlr = new long[4];
    public final long[] vbar = new long[4];
    public final long[] elr = new long[4];
    public final long[] spsr = new long[4];
    public final long[] esr = new long[4];
    public final long[] far = new long[4];
    public final long[] tpidr = new long[4];
    public long tcrEl1;
    public long ttbr0El1;
    public long ttbr1El1;
    public long mairEl1;
    public long cpacrEl1;
    public long hcrEl2;
    public long scrEl3;
    public long parEl1;
    public long contextidrEl1;
    public long tpidrroEl0;
    public long midr = 0x410F_D034L; // Cortex-A53 r0p4
    public long mpidr;
}
