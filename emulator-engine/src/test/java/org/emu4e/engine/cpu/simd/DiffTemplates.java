package org.emu4e.engine.cpu.simd;

import static org.emu4e.engine.cpu.simd.InsnGen.field;
import static org.emu4e.engine.cpu.simd.InsnGen.gpr;

import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/** Instruction templates per ARM ARM encoding class for the differential test. */
final class DiffTemplates {
    private DiffTemplates() { }

    static InsnGen scalarFp(SplittableRandom r) {
        IntUnaryOperator ft = InsnGen.ftype(r);
        return new InsnGen()
                .add("fp-dp2", "00011110 tt1 mmmmm oooo 10 nnnnn ddddd", 10, w -> ft.applyAsInt(r.nextInt(8) == 0 ? w : field(w, 12, 4, r.nextInt(9))))
                .add("fp-dp1", "00011110 tt1 0ooooo 10000 nnnnn ddddd", 8, w -> ft.applyAsInt(field(w, 15, 6, r.nextInt(16))))
                .add("fp-cvt", "00011110 tt1 0001oo 10000 nnnnn ddddd", 4, w -> r.nextInt(3) == 0 ? field(w, 22, 2, 3) : ft.applyAsInt(w))
                .add("fp-cmp", "00011110 tt1 mmmmm 00 1000 nnnnn oo000", 4, w -> ft.applyAsInt((w & 8) != 0 ? field(w, 16, 5, 0) : w))
                .add("fp-ccmp", "00011110 tt1 mmmmm cccc 01 nnnnn offff", 3, ft)
                .add("fp-csel", "00011110 tt1 mmmmm cccc 11 nnnnn ddddd", 2, ft)
                .add("fp-imm", "00011110 tt1 iiiiiiii 100 00000 ddddd", 2, ft)
                .add("fp-dp3", "00011111 tt o mmmmm o aaaaa nnnnn ddddd", 8, ft)
                .add("fp-int", "s0011110 tt1 rr ooo 000000 nnnnn ddddd", 10, w -> gpr(gpr(ft.applyAsInt(
                        r.nextInt(2) == 0 ? field(w, 19, 2, 0) : w), 0), 5))
                .add("fp-fixed", "s0011110 tt0 rr ooo ssssss nnnnn ddddd", 6, w -> {
                    w = ft.applyAsInt(w);
                    if (r.nextInt(4) != 0) {
                        w = field(w, 16, 5, new int[] {0b11000, 0b11001, 0b00010, 0b00011}[r.nextInt(4)]);
                    }
                    if (w >= 0 && r.nextInt(4) != 0) {
                        w |= 1 << 15;
                    }
                    return gpr(gpr(w, 0), 5);
                });
    }

    private static final int[] SHIFT_OPS = {0, 2, 4, 6, 8, 10, 12, 14, 16, 17, 18, 19, 20, 28, 31};

    /** Usually sets a field to one of the given values; sometimes leaves it random. */
    static int pick(SplittableRandom r, int w, int lo, int len, int... values) {
        return r.nextInt(5) == 0 ? w : field(w, lo, len, values[r.nextInt(values.length)]);
    }

    static int nonzeroImmh(int w) {
        return (w & (0xF << 19)) == 0 ? w | 1 << 22 : w;
    }

    /** Base register in x0..x7 (pointers into the window), index register in x8..x15 (0..48). */
    static int base(SplittableRandom r, int w) {
        return field(w, 5, 5, r.nextInt(8));
    }

    static int index(SplittableRandom r, int w, boolean allow31) {
        return field(w, 16, 5, allow31 && r.nextInt(3) == 0 ? 31 : 8 + r.nextInt(8));
    }

    static InsnGen loadStore(SplittableRandom r) {
        return new InsnGen()
                .add("ldst-uimm", "zz 111101 ol 000000iiiiii nnnnn ttttt", 4, w -> base(r, w))
                .add("ldst-imm9", "zz 111100 ol 0 iiiiiiiii xx nnnnn ttttt", 4, w -> base(r, w))
                .add("ldst-regoff", "zz 111100 ol 1 mmmmm xxx s 10 nnnnn ttttt", 4, w -> index(r, base(r, w), false))
                .add("ldst-pair", "oo 10110 xx l iiiiiii uuuuu nnnnn ttttt", 4,
                        w -> field(base(r, w), 10, 5, ((w & 31) + 1) & 31))
                .add("ldst-multi", "0q 0011000 l 000000 oooo zz nnnnn ttttt", 4, w -> base(r, w))
                .add("ldst-multi-post", "0q 0011001 l 0 mmmmm oooo zz nnnnn ttttt", 4, w -> index(r, base(r, w), true))
                .add("ldst-single", "0q 0011010 l r 00000 ooo s zz nnnnn ttttt", 4, w -> base(r, w))
                .add("ldst-single-post", "0q 0011011 l r mmmmm ooo s zz nnnnn ttttt", 4, w -> index(r, base(r, w), true));
    }

    static InsnGen advSimd(SplittableRandom r) {
        return new InsnGen()
                .add("simd-3same", "0 q u 01110 ss 1 mmmmm ooooo 1 nnnnn ddddd", 10)
                .add("simd-3same-fp", "0 q u 01110 ss 1 mmmmm 11ooo 1 nnnnn ddddd", 8)
                .add("simd-2misc", "0 q u 01110 ss 10000 ooooo 10 nnnnn ddddd", 10)
                .add("simd-2misc-fp", "0 q u 01110 ss 10000 1oooo 10 nnnnn ddddd", 6)
                .add("simd-s-2misc", "01 u 11110 ss 10000 ooooo 10 nnnnn ddddd", 6)
                .add("simd-across", "0 q u 01110 ss 11000 ooooo 10 nnnnn ddddd", 4, w -> r.nextInt(3) == 0 ? w
                        : field(w, 12, 5, new int[] {3, 10, 26, 27, 12, 15}[r.nextInt(6)]))
                .add("simd-s-pairwise", "01 u 11110 ss 11000 ooooo 10 nnnnn ddddd", 3, w -> r.nextInt(3) == 0 ? w
                        : field(w, 12, 5, new int[] {27, 12, 13, 15}[r.nextInt(4)]))
                .add("simd-copy", "0 q o 01110000 iiiii 0 jjjj 1 nnnnn ddddd", 6, w -> gpr(gpr(
                        (w & (1 << 29)) != 0 ? w : pick(r, w, 11, 4, 0, 1, 3, 5, 7), 0), 5))
                .add("simd-s-copy", "01 o 11110000 iiiii 0 jjjj 1 nnnnn ddddd", 1)
                .add("simd-modimm", "0 q o 0111100000 abc cccc 0 1 defgh ddddd", 4)
                .add("simd-table", "0 q 001110 000 mmmmm 0 ll o 00 nnnnn ddddd", 3)
                .add("simd-permute", "0 q 001110 zz 0 mmmmm 0 ooo 10 nnnnn ddddd", 4)
                .add("simd-ext", "0 q 101110 000 mmmmm 0 iiii 0 nnnnn ddddd", 2)
                .add("simd-shift-imm", "0 q u 011110 hhhh bbb ooooo 1 nnnnn ddddd", 8, w -> pick(r, nonzeroImmh(w), 11, 5, SHIFT_OPS))
                .add("simd-s-shift-imm", "01 u 111110 hhhh bbb ooooo 1 nnnnn ddddd", 4, w -> pick(r, nonzeroImmh(w), 11, 5, SHIFT_OPS))
                .add("simd-3diff", "0 q u 01110 ss 1 mmmmm oooo 00 nnnnn ddddd", 8, w -> pick(r, w, 22, 2, 0, 1, 2, 3))
                .add("simd-s-3diff", "01 u 11110 ss 1 mmmmm oooo 00 nnnnn ddddd", 2)
                .add("simd-elem", "0 q u 01111 ss lm mmmm oooo h0 nnnnn ddddd", 8, w -> pick(r, w, 22, 2, 1, 2, 2, 3))
                .add("simd-s-elem", "01 u 11111 ss lm mmmm oooo h0 nnnnn ddddd", 3, w -> pick(r, w, 22, 2, 1, 2, 2, 3))
                .add("crypto-aes", "01001110 zz 10100 ooooo 10 nnnnn ddddd", 2, w -> pick(r, pick(r, w, 22, 2, 0), 12, 5, 4, 5, 6, 7))
                .add("crypto-sha3", "01011110 zz 0 mmmmm 0 ooo 00 nnnnn ddddd", 3, w -> pick(r, w, 22, 2, 0))
                .add("crypto-sha2", "01011110 zz 10100 ooooo 10 nnnnn ddddd", 1, w -> pick(r, pick(r, w, 22, 2, 0), 12, 5, 0, 1, 2))
                .add("simd-s-3same", "01 u 11110 ss 1 mmmmm ooooo 1 nnnnn ddddd", 6, w -> pick(r, w, 11, 5,
                        1, 5, 6, 7, 8, 9, 10, 11, 16, 17, 22, 27, 28, 29, 31, 26));
    }
}
