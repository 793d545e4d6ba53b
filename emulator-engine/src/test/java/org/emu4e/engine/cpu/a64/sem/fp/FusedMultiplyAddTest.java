package org.emu4e.engine.cpu.a64.sem.fp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import org.emu4e.engine.cpu.a64.CpuState;
import org.junit.jupiter.api.Test;

/**
 * Single-precision FPMulAdd (round to nearest, no flush-to-zero) against exact decimal
 * arithmetic: the result is the float nearest to addend + a * b (ties to even) and IXC is set
 * exactly when that differs from the exact value. Operands are random normal floats, and
 * addends chosen to cancel the product or to put the exact sum next to a midpoint between two
 * floats, where a double-rounded sum would go wrong.
 */
class FusedMultiplyAddTest {
    private static float randomFloat(SplittableRandom r, int minExp, int maxExp) {
        int exp = minExp + r.nextInt(maxExp - minExp + 1);
        int bits = (r.nextBoolean() ? 0x8000_0000 : 0) | (exp + 127) << 23 | r.nextInt(1 << 23);
        return Float.intBitsToFloat(bits);
    }

    /** addend + a * b for float operands, checked against exact arithmetic (result and IXC). */
    private static void check(CpuState st, float a, float b, float c) {
        BigDecimal exact = new BigDecimal(a).multiply(new BigDecimal(b)).add(new BigDecimal(c));
        float want = exact.floatValue();
        st.fpcr = 0;
        st.fpsr = 0;
        long got = FpArith.mulAdd(32, Float.floatToRawIntBits(c) & 0xFFFF_FFFFL,
                Float.floatToRawIntBits(a) & 0xFFFF_FFFFL, Float.floatToRawIntBits(b) & 0xFFFF_FFFFL, st);
        String what = a + " * " + b + " + " + c;
        if (exact.signum() != 0) {
            assertEquals(Float.floatToRawIntBits(want), (int) got, what);
        }
        boolean inexact = exact.compareTo(new BigDecimal(Float.intBitsToFloat((int) got))) != 0;
        assertEquals(inexact ? Fp.IXC : 0, st.fpsr, what);
    }

    /**
     * (1 + 2^-j)(1 + 2^-(24-j)) is a midpoint between two floats; an addend far below the
     * product's precision decides the rounding, which rounding the exact sum to a double
     * first would lose (ties to even).
     */
    @Test
    void aTinyAddendDecidesAProductOnAMidpoint() {
        CpuState st = new CpuState();
        for (int j = 1; j <= 22; j++) {
            float a = 1 + (float) Math.scalb(1.0, -j);
            float b = 1 + (float) Math.scalb(1.0, -(24 - j));
            for (float c : new float[] {0x1p-60f, -0x1p-60f, 0x1p-30f, -0x1p-30f, 0}) {
                check(st, a, b, c);
                check(st, -a, b, c);
                check(st, a * 8, b / 4, c);
            }
        }
    }

    @Test
    void singlePrecisionMatchesExactArithmetic() {
        SplittableRandom r = new SplittableRandom(0xF3A);
        CpuState st = new CpuState();
        int checked = 0;
        for (int i = 0; i < 300_000; i++) {
            float a = randomFloat(r, -40, 40);
            float b = randomFloat(r, -40, 40);
            float c;
            switch (i % 4) {
                case 0 -> c = randomFloat(r, -80, 80);
                case 1 -> c = -(a * b); // cancellation
                case 2 -> {
                    // the exact sum near a midpoint: c = -(float)(a*b) + half an ulp of something
                    float p = a * b;
                    c = Math.ulp(p) * (r.nextInt(5) - 2) / 2 + (r.nextBoolean() ? 0 : p);
                }
                default -> c = randomFloat(r, -2, 2) * Math.ulp(a * b) * 0.5f;
            }
            BigDecimal exact = new BigDecimal(a).multiply(new BigDecimal(b)).add(new BigDecimal(c));
            float want = exact.floatValue();
            if (exact.signum() != 0 && (Math.abs(want) < 0x1p-120f || Float.isInfinite(want))) {
                continue;
            }
            st.fpcr = 0;
            st.fpsr = 0;
            long got = FpArith.mulAdd(32, Float.floatToRawIntBits(c) & 0xFFFF_FFFFL,
                    Float.floatToRawIntBits(a) & 0xFFFF_FFFFL, Float.floatToRawIntBits(b) & 0xFFFF_FFFFL, st);
            String what = a + " * " + b + " + " + c;
            if (exact.signum() != 0) {
                assertEquals(Float.floatToRawIntBits(want), (int) got, what);
            }
            boolean inexact = exact.compareTo(new BigDecimal(Float.intBitsToFloat((int) got))) != 0;
            assertEquals(inexact ? Fp.IXC : 0, st.fpsr, what);
            checked++;
        }
        assertEquals(true, checked > 250_000, "cases checked: " + checked);
    }
}
