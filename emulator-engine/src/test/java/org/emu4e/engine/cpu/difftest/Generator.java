package org.emu4e.engine.cpu.difftest;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.emu4e.engine.cpu.a64.decode.A64Decoder;
import org.emu4e.engine.cpu.a64.decode.DecodeRow;
import org.emu4e.engine.cpu.a64.sem.BitMasks;

/**
 * Random instruction bodies for the integer-core difftest. Most instructions are random
 * encodings of our own decode rows (any field value the row allows), so the test covers
 * encodings rather than what an assembler likes to emit; branches and literal loads are
 * emitted as assembly with labels so that they stay inside the case.
 *
 * <p>Filter (what is excluded and why):
 * <ul>
 * <li>the case's reserved register R (it holds the data window address W for the dump) is
 *     never written, nor used as a written-back base;</li>
 * <li>every memory access gets its base fixed up first ({@code and #0xFF; movk #0x4080,lsl 16}, or
 *     {@code add sp, R, #k} for SP) so it stays inside the data window; register offsets are
 *     masked to 0..0x7F and unsigned offsets limited to imm12 &lt; 64;</li>
 * <li>exclusives and acquire/release use 16-byte aligned bases (QEMU user mode raises SIGBUS
 *     for misaligned ones, which is also our Alignment fault);</li>
 * <li>a store-exclusive whose size differs from the preceding load-exclusive (CONSTRAINED
 *     UNPREDICTABLE; QEMU then stores but reports failure): store-exclusives are only
 *     generated right after a load-exclusive of the same size and base;</li>
 * <li>UNPREDICTABLE: STXR/STXP with Rs == Rt, Rt2 or Rn; LDXP with Rt == Rt2 (both
 *     CONSTRAINED UNPREDICTABLE with no single QEMU-documented outcome);</li>
 * <li>reserved logical immediates (UNDEFINED in both, would kill the QEMU process);</li>
 * <li>branches only go forward to a later slot of the same case, never backward.</li>
 * </ul>
 * Kept on purpose, to check the QEMU-compatible choice: load/store writeback with Rn == Rt,
 * LDP with Rt == Rt2.
 */
final class Generator {
    static final long W = 0x4080_0000L;
    private static final String[] CONDS = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls",
        "ge", "lt", "gt", "le", "al", "nv"};

    private final Random rnd;
    private final A64Decoder dec = A64Decoder.get();
    private final List<DecodeRow> dpImm = new ArrayList<>();
    private final List<DecodeRow> dpReg = new ArrayList<>();
    private final List<DecodeRow> ldst = new ArrayList<>();

    Generator(Random rnd) {
        this.rnd = rnd;
        for (DecodeRow r : dec.rows()) {
            if (r.group().startsWith("Data processing -- immediate")) {
                dpImm.add(r);
            } else if (r.group().startsWith("Data processing -- register")) {
                dpReg.add(r);
            } else if (r.group().startsWith("Loads and stores, general")) {
                // store-exclusives only come right after a load-exclusive of the same size
                // (exclusivePair): QEMU's STXR after a wider LDXR stores but reports failure,
                // an outcome of a CONSTRAINED UNPREDICTABLE case that we do not copy
                if (!r.name().contains("_lit") && !r.name().matches("STL?X[RP]")) {
                    ldst.add(r);
                }
            }
        }
    }

    /** A random register value, biased towards edge cases. */
    long value() {
        return switch (rnd.nextInt(10)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> rnd.nextInt(64) - 32;
            case 3 -> 1L << rnd.nextInt(64);
            case 4 -> 0x8000_0000L * (rnd.nextBoolean() ? 1 : -1) + rnd.nextInt(3) - 1;
            case 5 -> Long.MIN_VALUE + rnd.nextInt(3) - 1;
            case 6 -> rnd.nextInt() & 0xFFFF_FFFFL;
            default -> rnd.nextLong();
        };
    }

    int reg() {
        return rnd.nextInt(32);
    }

    /** Emits one case body of {@code slots} slots; labels L{c}_{i} mark slot starts. */
    void body(Program p, int c, int r, int slots) {
        for (int i = 0; i < slots; i++) {
            p.label("L" + c + "_" + i);
            int k = rnd.nextInt(100);
            if (k < 33) {
                p.raw(dp(dpImm, r));
            } else if (k < 63) {
                p.raw(dp(dpReg, r));
            } else if (k < 87) {
                memory(p, r);
            } else if (k < 91) {
                exclusivePair(p, r);
            } else if (k < 94) {
                literal(p, r);
            } else {
                branch(p, c, i, slots, r);
            }
        }
        p.label("L" + c + "_" + slots);
    }

    private int fill(DecodeRow row) {
        return row.value() | (rnd.nextInt() & ~row.mask());
    }

    private int dp(List<DecodeRow> rows, int r) {
        while (true) {
            DecodeRow row = rows.get(rnd.nextInt(rows.size()));
            int w = fill(row);
            if (dec.row(w) != row) {
                continue;
            }
            boolean writesRd = !row.name().startsWith("CCM");
            if (writesRd && (w & 31) == r) {
                continue;
            }
            if (row.name().contains("_imm_") && row.group().contains("immediate")
                    && BitMasks.logicalImmediate((w >>> 10) & 0x1FFF) == 0) {
                continue; // reserved logical immediate
            }
            return w;
        }
    }

    /** Random load/store/prefetch/exclusive/acquire-release of general registers. */
    private void memory(Program p, int r) {
        while (true) {
            DecodeRow row = ldst.get(rnd.nextInt(ldst.size()));
            String n = row.name();
            int w = fill(row);
            if (dec.row(w) != row) {
                continue;
            }
            if (n.startsWith("PRF")) {
                p.raw(w);
                return;
            }
            boolean excl = n.matches("(LD|ST)A?X[RP]|LDAXR|STLXR|LDAXP|STLXP|LDAR|STLR");
            boolean pair = !excl && n.matches("(LD|ST)N?P.*");
            boolean wback = n.contains("_pre") || n.contains("_post");
            int rt = w & 31;
            int rn = (w >>> 5) & 31;
            int rt2 = (w >>> 10) & 31;
            int rs = (w >>> 16) & 31;
            boolean load;
            List<Integer> dests = new ArrayList<>();
            if (excl) {
                load = (w & (1 << 22)) != 0;
                boolean isPair = n.endsWith("P");
                if (load) {
                    dests.add(rt);
                    if (isPair) {
                        dests.add(rt2);
                        if (rt == rt2) {
                            continue;
                        }
                    }
                } else if (n.startsWith("STL") && n.endsWith("R") && !n.contains("X")) {
                    // STLR: no status register
                } else {
                    dests.add(rs);
                    if (rs == rt || rs == rn || (isPair && rs == rt2)) {
                        continue;
                    }
                }
            } else if (pair) {
                load = (w & (1 << 22)) != 0;
                if (load) {
                    dests.add(rt);
                    dests.add(rt2);
                }
            } else {
                load = ((w >>> 22) & 3) != 0;
                if (load) {
                    dests.add(rt);
                }
            }
            if (dests.contains(r) || (wback && rn == r)) {
                continue;
            }
            if (n.endsWith("_uimm")) {
                w = (w & ~(0xFFF << 10)) | (rnd.nextInt(64) << 10);
            }
            if (n.endsWith("_reg")) {
                int rm = (w >>> 16) & 31;
                if (rm == r || (rm == rn && rm != 31)) {
                    continue;
                }
                if (rm != 31) {
                    p.insn("and x" + rm + ", x" + rm + ", #0x7f", false);
                }
            }
            fixBase(p, rn, r, excl);
            p.raw(w);
            return;
        }
    }

    private void fixBase(Program p, int rn, int r, boolean aligned) {
        if (rn == r) {
            return;
        }
        if (rn == 31) {
            int k = aligned ? rnd.nextInt(16) * 16 : rnd.nextInt(256);
            p.insn("add sp, x" + r + ", #" + k, false);
            return;
        }
        p.insn("and x" + rn + ", x" + rn + (aligned ? ", #0xf0" : ", #0xff"), false);
        p.insn("movk x" + rn + ", #0x4080, lsl #16", false);
    }

    /** LDXR/STXR (or the pair forms) on one base, so that the store can succeed. */
    private void exclusivePair(Program p, int r) {
        int rn;
        do {
            rn = reg();
        } while (rn == r);
        boolean isPair = rnd.nextInt(4) == 0;
        int size = isPair ? 2 + rnd.nextInt(2) : rnd.nextInt(4);
        int o0 = rnd.nextInt(2);
        int rt;
        int rt2;
        do {
            rt = reg();
            rt2 = reg();
        } while (rt == r || rt2 == r || rt == rn || rt2 == rn || (isPair && rt == rt2));
        fixBase(p, rn, r, true);
        int ld = (size << 30) | 0x0840_0000 | (o0 << 15) | (isPair ? 0x0020_0000 | (rt2 << 10) : 0x7C00)
                | (31 << 16) | (rn << 5) | rt;
        p.raw(ld);
        if (rnd.nextBoolean()) {
            int w;
            do {
                w = dp(dpReg, r);
            } while ((w & 31) == rn);
            p.raw(w);
        }
        int st;
        int s;
        int t;
        int t2;
        do {
            s = reg();
            t = reg();
            t2 = reg();
        } while (s == r || s == rn || s == t || (isPair && s == t2));
        st = (size << 30) | 0x0800_0000 | (o0 << 15) | (isPair ? 0x0020_0000 | (t2 << 10) : 0x7C00)
                | (s << 16) | (rn << 5) | t;
        p.raw(st);
    }

    private void literal(Program p, int r) {
        int t;
        do {
            t = reg();
        } while (t == r || t == 31);
        String target = "Lpool+" + 4 * rnd.nextInt(120);
        switch (rnd.nextInt(4)) {
            case 3 -> p.raw(0xD800_0000 | (rnd.nextInt(1 << 19) << 5) | rnd.nextInt(32)); // PRFM (literal): a hint
            case 0 -> p.insn("ldr x" + t + ", " + target, true);
            case 1 -> p.insn("ldr w" + t + ", " + target, true);
            default -> p.insn("ldrsw x" + t + ", " + target, true);
        }
    }

    private void branch(Program p, int c, int i, int slots, int r) {
        int to = i + 1 + rnd.nextInt(Math.min(4, slots - i));
        String target = "L" + c + "_" + to;
        int t;
        do {
            t = rnd.nextInt(31);
        } while (t == r);
        String reg = (rnd.nextBoolean() ? "x" : "w") + rnd.nextInt(31);
        switch (rnd.nextInt(9)) {
            case 0 -> p.insn("b " + target, true);
            case 1 -> p.insn(r == 30 ? "b " + target : "bl " + target, true);
            case 2, 3 -> p.insn("b." + CONDS[rnd.nextInt(16)] + " " + target, true);
            case 4 -> p.insn((rnd.nextBoolean() ? "cbz " : "cbnz ") + reg + ", " + target, true);
            case 5 -> {
                String x = "x" + rnd.nextInt(31);
                p.insn((rnd.nextBoolean() ? "tbz " : "tbnz ") + x + ", #" + rnd.nextInt(64) + ", " + target, true);
            }
            case 6 -> {
                p.insn("adr x" + t + ", " + target, false);
                p.insn("br x" + t, true);
            }
            case 7 -> {
                p.insn("adr x" + t + ", " + target, false);
                p.insn(r == 30 ? "br x" + t : "blr x" + t, true);
            }
            default -> {
                p.insn("adr x" + t + ", " + target, false);
                p.insn("ret x" + t, true);
            }
        }
    }
}
