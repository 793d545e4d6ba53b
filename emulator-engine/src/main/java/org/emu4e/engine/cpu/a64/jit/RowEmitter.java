package org.emu4e.engine.cpu.a64.jit;

import org.emu4e.engine.cpu.a64.decode.DecodeRow;
import org.emu4e.engine.cpu.a64.decode.Handler;

/**
 * Emits the bytecode of one decoded instruction, found through {@link EmitterTable} from the
 * instruction's decode row. For a row that ends its block (a branch), true means the code
 * left the block; otherwise true means the instruction is done and the next one follows.
 */
@FunctionalInterface
interface RowEmitter {
    /**
     * Emits instruction {@code i} of the block, {@code insn}, decoded as {@code row} with
     * handler {@code h}; false (nothing emitted) leaves it to a call of its handler.
     */
    boolean emit(Gen g, DecodeRow row, int insn, int i, Handler h);
}
