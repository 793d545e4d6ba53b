package org.emu4e.engine.cpu.simd;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/**
 * Random instruction words from templates: a 32-character pattern (as in the decode table:
 * 0/1 fixed, any letter random) plus a fix-up that steers fields towards allocated or
 * interesting values. Unallocated words are fine: both sides must agree they UNDEF.
 */
final class InsnGen {
    record Template(String family, int mask, int value, int weight, IntUnaryOperator fix) { }

    private final List<Template> templates = new ArrayList<>();
    private int total;

    InsnGen add(String family, String pattern, int weight, IntUnaryOperator fix) {
        String p = pattern.replace(" ", "");
        if (p.length() != 32) {
            throw new IllegalArgumentException(family + ": " + p.length());
        }
        int mask = 0;
        int value = 0;
        for (int i = 0; i < 32; i++) {
            char c = p.charAt(i);
            if (c == '0' || c == '1') {
                mask |= 1 << (31 - i);
                value |= (c - '0') << (31 - i);
            }
        }
        templates.add(new Template(family, mask, value, weight, fix));
        total += weight;
        return this;
    }

    InsnGen add(String family, String pattern, int weight) {
        return add(family, pattern, weight, i -> i);
    }

    Template pick(SplittableRandom r) {
        int k = r.nextInt(total);
        for (Template t : templates) {
            k -= t.weight();
            if (k < 0) {
                return t;
            }
        }
        throw new IllegalStateException();
    }

    static int word(Template t, SplittableRandom r) {
        int w = (r.nextInt() & ~t.mask()) | t.value();
        return t.fix().applyAsInt(w);
    }

    // ---- common fix-ups -----------------------------------------------------------------

    static int field(int w, int lo, int len, int v) {
        int m = ((1 << len) - 1) << lo;
        return (w & ~m) | ((v << lo) & m);
    }

    /** A general-purpose register field must not name x27..x30 (harness registers). */
    static int gpr(int w, int lo) {
        int r = (w >>> lo) & 31;
        return r >= 27 && r <= 30 ? field(w, lo, 5, r - 10) : w;
    }

    /** ftype insn[23:22]: usually single or double. */
    static IntUnaryOperator ftype(SplittableRandom r) {
        return w -> r.nextInt(10) == 0 ? w : field(w, 22, 2, r.nextInt(2));
    }
}
