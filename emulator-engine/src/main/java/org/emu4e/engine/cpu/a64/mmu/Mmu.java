package org.emu4e.engine.cpu.a64.mmu;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.TlbInvalidation;

/**
 * Stage 1 address translation for one PE with its own soft TLB (ARM ARM D8 "The AArch64
 * Virtual Memory System Architecture"). With SCTLR_ELx.M clear, VA == PA.
 */
public final class Mmu {
    public static final int READ = 0;
    public static final int WRITE = 1;
    public static final int FETCH = 2;

    private final A64Cpu cpu;

    public Mmu(A64Cpu cpu) {
        this.cpu = cpu;
    }

    /**
     * Translates {@code va} for an access of {@code size} bytes; throws a GuestException
     * (abort) on a fault. {@code unprivileged} is set for LDTR/STTR at EL1.
     */
    public long translate(long va, int access, boolean unprivileged) {
        return va;
    }

    /** Debugger translation: no faults, no side effects; -1 if unmapped. */
    public long debugTranslate(long va) {
        return va;
    }

    public void invalidate(TlbInvalidation op) {
    }

    A64Cpu cpu() { return cpu; }
}
