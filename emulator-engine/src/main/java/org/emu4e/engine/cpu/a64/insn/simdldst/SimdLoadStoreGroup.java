package org.emu4e.engine.cpu.a64.insn.simdldst;

import org.emu4e.engine.cpu.a64.decode.DecodeTable;
import org.emu4e.engine.cpu.a64.decode.Handler;
import org.emu4e.engine.cpu.a64.insn.simd.FpAccess;

/**
 * Decode rows of the ARM ARM group "Loads and stores of SIMD&FP registers (C4.1.67, V=1)".
 * Every handler runs behind the SIMD&FP access check. Pattern letters: z = size, o = opc,
 * i = immediate, m/n/t/u = registers, x = fields checked in the handler.
 */
public final class SimdLoadStoreGroup {
    private SimdLoadStoreGroup() { }

    public static DecodeTable table() {
        DecodeTable t = new DecodeTable("Loads and stores of SIMD&FP registers (C4.1.67, V=1)");
        row(t, "LDST_multiple", "0q 0011000 l 000000 oooo zz nnnnn ttttt", SimdLdStStruct::multiple);
        row(t, "LDST_multiple_post", "0q 0011001 l 0 mmmmm oooo zz nnnnn ttttt", SimdLdStStruct::multiple);
        row(t, "LDST_single", "0q 0011010 l r 00000 ooo s zz nnnnn ttttt", SimdLdStStruct::single);
        row(t, "LDST_single_post", "0q 0011011 l r mmmmm ooo s zz nnnnn ttttt", SimdLdStStruct::single);
        row(t, "LDR_lit_fp", "oo 011100 iiiiiiiiiiiiiiiiiii ttttt", SimdLdStReg::literal);
        row(t, "LDSTP_fp", "oo 10110 xx l iiiiiii uuuuu nnnnn ttttt", SimdLdStReg::pair);
        row(t, "LDST_fp_imm9", "zz 111100 ol 0 iiiiiiiii xx nnnnn ttttt", SimdLdStReg::imm9);
        row(t, "LDST_fp_regoff", "zz 111100 ol 1 mmmmm xxx s 10 nnnnn ttttt", SimdLdStReg::registerOffset);
        row(t, "LDST_fp_uimm", "zz 111101 ol iiiiiiiiiiii nnnnn ttttt", SimdLdStReg::unsignedOffset);
        return t;
    }

    private static void row(DecodeTable t, String name, String pattern, Handler h) {
        t.add(name, pattern, FpAccess.guarded(h));
    }
}
