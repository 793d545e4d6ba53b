package org.emu4e.engine.cpu.a64.insn.simd;

import org.emu4e.engine.cpu.a64.decode.DecodeTable;
import org.emu4e.engine.cpu.a64.decode.Handler;

/**
 * Decode rows of the Advanced SIMD part of C4.1.69. Every AdvSIMD class has one row per
 * encoding ({@link ThreeSame}, {@link ThreeSameFp}, {@link TwoRegMisc}, {@link TwoRegMiscFp},
 * {@link Across}, {@link Copy}, {@link ModifiedImm}, {@link ShiftImm}, {@link Permute},
 * {@link ThreeDiff}, {@link ByElement}, with their scalar forms); the cryptographic classes
 * still have one row per class, whose handler decodes opcode/size as the ARM ARM class table
 * does and UNDEFs the gaps.
 */
final class AdvSimdRows {
    private AdvSimdRows() { }

    private static void row(DecodeTable t, String name, String pattern, Handler h) {
        t.add(name, pattern, FpAccess.guarded(h));
    }

    static void add(DecodeTable t) {
        row(t, "CRYPTO_aes", "01001110 zz 10100 ooooo 10 nnnnn ddddd", Crypto::aes);
        row(t, "CRYPTO_sha_three_reg", "01011110 zz0 mmmmm 0 ooo 00 nnnnn ddddd", Crypto::sha3Reg);
        row(t, "CRYPTO_sha_two_reg", "01011110 zz 10100 ooooo 10 nnnnn ddddd", Crypto::sha2Reg);
        ThreeSame.rows(t);
        ThreeSameFp.rows(t);
        TwoRegMisc.rows(t);
        TwoRegMiscFp.rows(t);
        Across.rows(t);
        Copy.rows(t);
        ModifiedImm.rows(t);
        Permute.rows(t);
        ShiftImm.rows(t);
        ThreeDiff.rows(t);
        ByElement.rows(t);
    }
}
