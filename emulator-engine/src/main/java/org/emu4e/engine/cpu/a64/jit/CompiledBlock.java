package org.emu4e.engine.cpu.a64.jit;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.tb.TranslationBlock;

/**
 * Translated code of the first {@link #length} instructions of one translation block. Each
 * instance is the only instance of its own hidden class (see {@link BlockCompiler}); it holds
 * no per-vCPU state, so every vCPU running the block shares it.
 *
 * <p>Contract of {@link #run}: it counts the instructions it retires into
 * {@code cpu.instructions} and returns with the state exactly the interpreter's after them
 * ({@code s.pc} is the next instruction's). It returns the compiled successor to run next (a
 * chain: see {@link JitRuntime#chain}) or null to go back to the dispatcher. A guest exception
 * propagates with {@code s.pc} at the faulting instruction and the registers as they were
 * before it; the instructions of that pass are not counted then (the caller counts them from
 * {@code s.pc}).
 */
public abstract class CompiledBlock {
    private final int length;
    private final TranslationBlock block;
    /**
     * Chained successors of the block's direct exits in its own page (slot 0: fall-through or
     * not taken, slot 1: taken), filled by the dispatcher once the target has code. Shared by
     * all vCPUs: a slot is a fact about physical addresses (the target lies in this block's
     * physical page). Racy writes are benign: each holds a whole successor, checked on use.
     */
    CompiledBlock exit0;
    CompiledBlock exit1;

    protected CompiledBlock(int length, TranslationBlock block) {
        this.length = length;
        this.block = block;
    }

    /** Instructions covered: the whole block, or the part before a breakpoint or size limit. */
    public final int length() { return length; }

    /** The decoded block this code was translated from (it dies with it). */
    public final TranslationBlock block() { return block; }

    /**
     * Runs the code (see the class comment). A block that branches to its own start runs again
     * while {@code cpu.instructions} plus its length stays within {@code end} and no exit is
     * requested; a chained successor is returned under the same condition.
     */
    public abstract CompiledBlock run(A64Cpu cpu, CpuState s, JitTlb tlb, Jit jit, long end);
}
