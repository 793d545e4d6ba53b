package org.emu4e.engine.cpu.a64.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.emu4e.engine.cpu.a64.GuestException;

/**
 * The A64 decoder: every group table (ARM ARM C4.1 "A64 instruction set encoding") merged
 * and bucketed by op0 = bits[28:25], each bucket indexed by the few further bits that best
 * split its rows. Decoding is a first-match scan of the rows listed under the instruction's
 * op0 and key bits (in table priority order), so adding rows does not lengthen it much; the
 * interpreter decodes once per translation block (cpu.a64.tb).
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
            DecodeRow.of("UNALLOCATED", "x".repeat(32), UNALLOCATED, "unallocated", BlockEnd.SYSTEM);

    private static volatile A64Decoder instance;
    private static final List<Consumer<List<DecodeTable>>> GROUPS = new ArrayList<>();

    static {
        GroupRegistry.registerAll(GROUPS);
    }

    /** Bits (besides op0) a bucket is indexed by: at most 2^KEY_BITS row lists per op0. */
    private static final int KEY_BITS = 8;
    private static final DecodeRow[] EMPTY = new DecodeRow[0];

    private final List<DecodeRow> all = new ArrayList<>();
    /** Per op0 = bits[28:25]: the instruction bits that index {@link #index}. */
    private final int[] keyMask = new int[16];
    /** Per op0 and key: the rows that can match, in priority order. */
    private final DecodeRow[][][] index = new DecodeRow[16][][];

    private A64Decoder(List<DecodeTable> tables) {
        @SuppressWarnings("unchecked")
        List<DecodeRow>[] buckets = new List[16];
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
        for (int op0 = 0; op0 < 16; op0++) {
            keyMask[op0] = keyMask(buckets[op0]);
            index[op0] = index(buckets[op0], keyMask[op0]);
        }
    }

    /**
     * The KEY_BITS bit positions that best split a bucket's rows: those most rows fix, half of
     * them to 0 and half to 1 (a row that leaves a key bit free is listed under both values).
     */
    private static int keyMask(List<DecodeRow> rows) {
        long[] score = new long[32];
        for (int p = 0; p < 32; p++) {
            int zeros = 0;
            int ones = 0;
            for (DecodeRow r : rows) {
                if ((r.mask() >>> p & 1) != 0) {
                    if ((r.value() >>> p & 1) != 0) {
                        ones++;
                    } else {
                        zeros++;
                    }
                }
            }
            score[p] = (p >= 25 && p <= 28) ? 0 : (long) Math.min(zeros, ones) << 16 | (zeros + ones);
        }
        int mask = 0;
        for (int k = 0; k < KEY_BITS; k++) {
            int best = -1;
            for (int p = 0; p < 32; p++) {
                if ((mask >>> p & 1) == 0 && score[p] >= 1 << 16 && (best < 0 || score[p] > score[best])) {
                    best = p;
                }
            }
            if (best < 0) {
                break;
            }
            mask |= 1 << best;
        }
        return mask;
    }

    private static DecodeRow[][] index(List<DecodeRow> rows, int keyMask) {
        int size = 1 << Integer.bitCount(keyMask);
        List<List<DecodeRow>> lists = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            lists.add(new ArrayList<>());
        }
        for (DecodeRow r : rows) {
            int fixed = Integer.compress(r.value() & r.mask(), keyMask);
            int free = Integer.compress(~r.mask(), keyMask);
            // every key whose fixed bits agree with the row: fixed | each subset of free
            int sub = 0;
            do {
                lists.get(fixed | sub).add(r);
                sub = (sub - free) & free;
            } while (sub != 0);
        }
        DecodeRow[][] out = new DecodeRow[size][];
        for (int k = 0; k < size; k++) {
            out[k] = lists.get(k).isEmpty() ? EMPTY : lists.get(k).toArray(EMPTY);
        }
        return out;
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
        int op0 = (insn >>> 25) & 0xF;
        for (DecodeRow r : index[op0][Integer.compress(insn, keyMask[op0])]) {
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
