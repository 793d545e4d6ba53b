package org.emu4e.engine.cpu.a64.decode;

import org.emu4e.engine.cpu.a64.A64Cpu;

/**
 * Executes one decoded A64 instruction on the CPU's own thread. The handler extracts its
 * fields from {@code insn} (see {@link Bits}); it sets {@code cpu.state().nextPc} to branch
 * and throws {@link org.emu4e.engine.cpu.a64.GuestException} for guest exceptions.
 */
@FunctionalInterface
public interface Handler {
    void exec(A64Cpu cpu, int insn);
}
