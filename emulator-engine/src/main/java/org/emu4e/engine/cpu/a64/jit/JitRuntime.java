package org.emu4e.engine.cpu.a64.jit;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.tb.TranslationBlock;

/** Static helpers that translated code calls (invokestatic, small enough for HotSpot to inline). */
public final class JitRuntime {
    private JitRuntime() { }

    /**
     * True after an instruction run by its interpreter handler if the dispatcher must see the
     * state now: a pending exit (WFI, watchpoint...), interrupts to re-check, or the block
     * itself overwritten (the interpreter stops there too).
     */
    public static boolean mustLeave(A64Cpu cpu, TranslationBlock b) {
        return cpu.pendingExit != null || cpu.recheckInterrupts || !b.isValid();
    }

    /** After the full path of a load succeeded at {@code va}: enter the page in the data TLB. */
    public static void filled(A64Cpu cpu, JitTlb tlb, long va, boolean write) {
        tlb.fill(cpu, va, write);
    }
}
