package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;
import static org.emu4e.engine.cpu.a64.insn.simd.ModifiedImm.Encoding.*;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.decode.DecodeTable;
import org.emu4e.engine.cpu.a64.decode.Handler;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/**
 * AdvSIMD modified immediate (C4.1.69: MOVI, MVNI, ORR, BIC and FMOV (vector, immediate)): one
 * row per encoding, named after its {@link Encoding} constant, which is also its handler.
 * The encoding fixes the element size and how cmode places imm8 (AdvSIMDExpandImm); the
 * half-precision FMOV (o2 = 1) is not in ARMv8.0 and has no row. Pattern letters: q = Q,
 * o = op (FMOV's single/double), a..h = imm8, s = cmode's shift bits, d = Rd.
 */
final class ModifiedImm {
    private ModifiedImm() { }

    // what an encoding does with the expanded immediate
    private static final int MOVE = 0;
    private static final int MOVE_INVERTED = 1;
    private static final int OR = 2;
    private static final int CLEAR = 3;

    /** Every modified immediate encoding, with its action. */
    enum Encoding implements Handler {
        MOVI_32_shifted(MOVE), ORR_vector_imm_32(OR), MOVI_16_shifted(MOVE), ORR_vector_imm_16(OR),
        MOVI_32_ones(MOVE), MOVI_8(MOVE), FMOV_vector_imm(MOVE),
        MVNI_32_shifted(MOVE_INVERTED), BIC_vector_imm_32(CLEAR), MVNI_16_shifted(MOVE_INVERTED),
        BIC_vector_imm_16(CLEAR), MVNI_32_ones(MOVE_INVERTED), MOVI_64_scalar(MOVE), MOVI_64_vector(MOVE);

        private final int action;

        Encoding(int action) {
            this.action = action;
        }

        /** The 64-bit pattern this encoding makes of imm8 (repeated over both halves). */
        long immediate(int insn) {
            long imm8 = u(insn, 16, 3) << 5 | u(insn, 5, 5);
            int cmode = u(insn, 12, 4);
            return switch (this) {
                case MOVI_32_shifted, ORR_vector_imm_32, MVNI_32_shifted, BIC_vector_imm_32 ->
                        Copy.replicate(imm8 << (8 * (cmode >>> 1 & 3)), 32);
                case MOVI_16_shifted, ORR_vector_imm_16, MVNI_16_shifted, BIC_vector_imm_16 ->
                        Copy.replicate(imm8 << (8 * (cmode >>> 1 & 1)), 16);
                case MOVI_32_ones, MVNI_32_ones ->
                        Copy.replicate((cmode & 1) == 0 ? imm8 << 8 | 0xFF : imm8 << 16 | 0xFFFF, 32);
                case MOVI_8 -> Copy.replicate(imm8, 8);
                case MOVI_64_scalar, MOVI_64_vector -> byteMask(imm8);
                default -> u(insn, 29, 1) == 1 ? fpDouble(imm8) : Copy.replicate(fpSingle(imm8), 32);
            };
        }

        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            int d = rd(insn);
            long imm = immediate(insn);
            boolean q = u(insn, 30, 1) == 1;
            switch (action) {
                case MOVE -> VRegs.setVec(s, d, imm, imm, q);
                case MOVE_INVERTED -> VRegs.setVec(s, d, ~imm, ~imm, q);
                case OR -> VRegs.setVec(s, d, s.vlo[d] | imm, s.vhi[d] | imm, q);
                default -> VRegs.setVec(s, d, s.vlo[d] & ~imm, s.vhi[d] & ~imm, q);
            }
        }
    }

    static void rows(DecodeTable t) {
        // Advanced SIMD modified immediate: 0 Q op 0111100000 a b c cmode o2 1 d e f g h Rd
        row(t, MOVI_32_shifted, "0q00111100000 abc 0ss0 01 defgh ddddd");
        row(t, ORR_vector_imm_32, "0q00111100000 abc 0ss1 01 defgh ddddd");
        row(t, MOVI_16_shifted, "0q00111100000 abc 10s0 01 defgh ddddd");
        row(t, ORR_vector_imm_16, "0q00111100000 abc 10s1 01 defgh ddddd");
        row(t, MOVI_32_ones, "0q00111100000 abc 110s 01 defgh ddddd");
        row(t, MOVI_8, "0q00111100000 abc 1110 01 defgh ddddd");
        // single precision (op = 0) or double precision (op = 1, Q = 1 only)
        row(t, FMOV_vector_imm, "0qo0111100000 abc 1111 01 defgh ddddd").reserved("qo", 0b01);
        row(t, MVNI_32_shifted, "0q10111100000 abc 0ss0 01 defgh ddddd");
        row(t, BIC_vector_imm_32, "0q10111100000 abc 0ss1 01 defgh ddddd");
        row(t, MVNI_16_shifted, "0q10111100000 abc 10s0 01 defgh ddddd");
        row(t, BIC_vector_imm_16, "0q10111100000 abc 10s1 01 defgh ddddd");
        row(t, MVNI_32_ones, "0q10111100000 abc 110s 01 defgh ddddd");
        row(t, MOVI_64_scalar, "0010111100000 abc 1110 01 defgh ddddd");
        row(t, MOVI_64_vector, "0110111100000 abc 1110 01 defgh ddddd");
    }

    private static DecodeTable row(DecodeTable t, Encoding e, String pattern) {
        return t.add(e.name(), pattern, e);
    }

    /** Each bit of imm8 widened to a byte of ones or zeros (MOVI 64-bit). */
    private static long byteMask(long imm8) {
        long r = 0;
        for (int i = 0; i < 8; i++) {
            if ((imm8 >>> i & 1) != 0) {
                r |= 0xFFL << (8 * i);
            }
        }
        return r;
    }

    /** VFPExpandImm for 32 bits: sign a, exponent NOT(b):b:b:b:b:b:c:d, fraction efgh followed by zeros. */
    private static long fpSingle(long imm8) {
        long b = imm8 >>> 6 & 1;
        return (imm8 >>> 7) << 31 | (b ^ 1) << 30 | (b == 1 ? 0x1FL << 25 : 0) | (imm8 & 0x3F) << 19;
    }

    /** VFPExpandImm for 64 bits: exponent NOT(b) followed by eight copies of b, then c:d. */
    private static long fpDouble(long imm8) {
        long b = imm8 >>> 6 & 1;
        return (imm8 >>> 7) << 63 | (b ^ 1) << 62 | (b == 1 ? 0xFFL << 54 : 0) | (imm8 & 0x3F) << 48;
    }
}
