package org.emu4e.engine.cpu.a64.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.emu4e.engine.cpu.a64.GuestException;

/**
 * The A64 decoder: every group table (ARM ARM C4.1 "A64 instruction set encoding") merged
 * and bucketed by op0 = bits[28:25]. Decoding is a first-match scan of one bucket; the
 * interpreter decodes once per translation block (cpu.a64.tb), so this is not on the hot path.
 */
public final class A64Decoder {
    /** Executes an unallocated encoding: an UNDEFINED exception to the guest. */
    public static final Handler UNALLOCATED = (cpu, insn) -> {
        throw GuestException.undefined();
    };

    /**
     * The row of every unallocated encoding (C4.1: UNDEFINED). It always takes an exception,
     * so it ends its block like an exception-generating instruction.
     */
    public static final DecodeRow UNALLOCATED_ROW =
            new DecodeRow("UNALLOCATED", 0, 0, UNALLOCATED, "unallocated", BlockEnd.SYSTEM);

    private static volatile A64Decoder instance;
    private static final List<Consumer<List<DecodeTable>>> GROUPS = new ArrayList<>();

    static {
        GroupRegistry.registerAll(GROUPS);
    }

    private final List<DecodeRow> all = new ArrayList<>();
    @SuppressWarnings("unchecked")
    private final List<DecodeRow>[] buckets = new List[16];

    private A64Decoder(List<DecodeTable> tables) {
        for (int i = 0; i < 16; i++) {
            buckets[i] = new ArrayList<>();
        }
        for (DecodeTable t : tables) {
            for (DecodeRow r : t.rows()) {
                all.add(r);
                for (int op0 = 0; op0 < 16; op0++) {
                    int bits = op0 << 25;
                    if ((bits & r.mask() & 0x1E00_0000) == (r.value() & 0x1E00_0000)) {
                        buckets[op0].add(r);
                    }
                }
            }
        }
    }

    public static A64Decoder get() {
        A64Decoder d = instance;
        if (d == null) {
            synchronized (A64Decoder.class) {
                d = instance;
                if (d == null) {
                    List<DecodeTable> tables = new ArrayList<>();
                    for (Consumer<List<DecodeTable>> g : GROUPS) {
                        g.accept(tables);
                    }
                    d = new A64Decoder(tables);
                    instance = d;
                }
            }
        }
        return d;
    }

    /** The row that decodes {@code insn}, or null if unallocated/unimplemented. */
    public DecodeRow row(int insn) {
        for (DecodeRow r : buckets[(insn >>> 25) & 0xF]) {
            if (r.matches(insn)) {
                return r;
            }
        }
        return null;
    }

    /** The row that executes {@code insn}: its own, or {@link #UNALLOCATED_ROW}. */
    public DecodeRow rowOrUnallocated(int insn) {
        DecodeRow r = row(insn);
        return r == null ? UNALLOCATED_ROW : r;
    }

    public Handler decode(int insn) {
        DecodeRow r = row(insn);
        return r == null ? UNALLOCATED : r.handler();
    }

    /** Every row of every group, in priority order. */
    public List<DecodeRow> rows() { return List.copyOf(all); }
}
