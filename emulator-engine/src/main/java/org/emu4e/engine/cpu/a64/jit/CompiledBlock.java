package org.emu4e.engine.cpu.a64.jit;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;

/**
 * Translated code of the first {@link #length} instructions of one translation block. Each
 * instance is the only instance of its own hidden class (see {@link BlockCompiler}); it holds
 * no per-vCPU state, so every vCPU running the block shares it.
 *
 * <p>Contract of {@link #run}: on return, the state is exactly the interpreter's after the
 * returned number of instructions ({@code s.pc} is the next instruction's); a guest exception
 * propagates with {@code s.pc} at the faulting instruction and the registers as they were
 * before it, so the dispatcher takes it as it does for the interpreter.
 */
public abstract class CompiledBlock {
    private final int length;

    protected CompiledBlock(int length) {
        this.length = length;
    }

    /** Instructions covered: the whole block, or the part before a breakpoint or size limit. */
    public final int length() { return length; }

    /**
     * Runs the code; returns the instructions retired (length, or fewer after an early exit)
     * that are not yet counted. A block that branches to its own start runs again while
     * {@code cpu.instructions} plus its length stays within {@code end} and no exit is
     * requested, counting each completed pass into {@code cpu.instructions} itself.
     */
    public abstract int run(A64Cpu cpu, CpuState s, JitTlb tlb, long end);
}
