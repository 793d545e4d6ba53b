package org.emu4e.engine.cpu.a64.jit;

import java.util.Arrays;

/**
 * A vCPU's direct-mapped cache from virtual PC to compiled block, for block exits whose target
 * is not a chain slot (BR, BLR, RET, direct branches to another page). Its owner ({@link Jit})
 * fills it only with blocks the dispatcher entered under the current translation regime and
 * flushes it when the regime may have changed.
 */
final class LookupCache {
    static final int BITS = 10;
    private static final int MASK = (1 << BITS) - 1;
    private static final long EMPTY = -1L; // unaligned: never a block's PC

    private final long[] pcs = new long[1 << BITS];
    private final CompiledBlock[] code = new CompiledBlock[1 << BITS];

    LookupCache() {
        flush();
    }

    private static int index(long pc) {
        return (int) (pc >>> 2) & MASK;
    }

    CompiledBlock get(long pc) {
        int i = index(pc);
        return pcs[i] == pc ? code[i] : null;
    }

    void put(long pc, CompiledBlock c) {
        int i = index(pc);
        pcs[i] = pc;
        code[i] = c;
    }

    void flush() {
        Arrays.fill(pcs, EMPTY);
        Arrays.fill(code, null);
    }
}
