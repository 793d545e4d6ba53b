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
                .add("simd-copy", "0 q o 01110000 iiiii 0 jjjj 1 nnnnn ddddd", 6, w -> gpr(gpr(w, 0), 5))
                .add("simd-s-copy", "01 o 11110000 iiiii 0 jjjj 1 nnnnn ddddd", 1)
                .add("simd-modimm", "0 q o 0111100000 abc cccc 0 1 defgh ddddd", 4)
                .add("simd-table", "0 q 001110 000 mmmmm 0 ll o 00 nnnnn ddddd", 3)
                .add("simd-permute", "0 q 001110 zz 0 mmmmm 0 ooo 10 nnnnn ddddd", 4)
                .add("simd-ext", "0 q 101110 000 mmmmm 0 iiii 0 nnnnn ddddd", 2)
                .add("simd-shift-imm", "0 q u 011110 hhhh bbb ooooo 1 nnnnn ddddd", 8, w -> (w & (0xF << 19)) == 0 ? w | 1 << 22 : w)
                .add("simd-s-shift-imm", "01 u 111110 hhhh bbb ooooo 1 nnnnn ddddd", 4, w -> (w & (0xF << 19)) == 0 ? w | 1 << 22 : w)
                .add("simd-3diff", "0 q u 01110 ss 1 mmmmm oooo 00 nnnnn ddddd", 8)
                .add("simd-s-3diff", "01 u 11110 ss 1 mmmmm oooo 00 nnnnn ddddd", 2)
                .add("simd-elem", "0 q u 01111 ss lm mmmm oooo h0 nnnnn ddddd", 8)
                .add("simd-s-elem", "01 u 11111 ss lm mmmm oooo h0 nnnnn ddddd", 3)
                .add("simd-s-3same", "01 u 11110 ss 1 mmmmm ooooo 1 nnnnn ddddd", 6);
    }
}
