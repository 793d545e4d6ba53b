package org.emu4e.engine.cpu.a64.tb;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import org.emu4e.engine.cpu.a64.decode.A64Decoder;
import org.emu4e.engine.cpu.a64.decode.BlockEnd;
import org.emu4e.engine.cpu.a64.decode.DecodeRow;
import org.emu4e.engine.memory.BusFault;
import org.emu4e.engine.memory.PhysicalBus;
import org.emu4e.engine.memory.Ram;

/** Decodes guest memory into {@link TranslationBlock}s. Stateless apart from a sequence. */
final class BlockTranslator {
    private static final A64Decoder DECODER = A64Decoder.get();
    /** Orders block publications across all RAM regions (see {@link BlockCache#invalidateTranslatedAfter}). */
    static final AtomicLong SEQUENCE = new AtomicLong();

    private BlockTranslator() { }

    /**
     * The block at {@code pa}, read from {@code ram} when it is RAM, else through {@code bus}.
     *
     * @throws BusFault if nothing is mapped at {@code pa}
     */
    static TranslationBlock translate(PhysicalBus bus, Ram ram, long pa) {
        long pageEnd = (pa | 0xFFF) + 1;
        int max = (int) Math.min(TranslationBlock.MAX_LENGTH, (pageEnd - pa) >>> 2);
        int[] insns = new int[max];
        DecodeRow[] rows = new DecodeRow[max];
        int n = 0;
        BlockEnd end = BlockEnd.FALL_THROUGH;
        while (n < max) {
            long a = pa + 4L * n;
            int insn;
            if (ram != null) {
                insn = ram.fetch32(a);
            } else {
                try {
                    insn = (int) bus.read(a, 4);
                } catch (BusFault f) {
                    if (n == 0) {
                        throw f;
                    }
                    break; // the fault is taken when (and if) execution gets there
                }
            }
            DecodeRow row = DECODER.rowOrUnallocated(insn);
            insns[n] = insn;
            rows[n] = row;
            n++;
            if (row.end().endsBlock()) {
                end = row.end();
                break;
            }
        }
        if (n < max) {
            insns = Arrays.copyOf(insns, n);
            rows = Arrays.copyOf(rows, n);
        }
        return new TranslationBlock(pa, insns, rows, end);
    }
}
