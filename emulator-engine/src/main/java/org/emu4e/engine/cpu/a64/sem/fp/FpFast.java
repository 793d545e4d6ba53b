package org.emu4e.engine.cpu.a64.sem.fp;

import org.emu4e.engine.cpu.a64.CpuState;

/**
 * Host fast paths for FADD/FSUB/FMUL in single and double precision and for the single
 * precision fused multiply-add. Used only when FPCR
 * selects round-to-nearest without flush-to-zero, both operands are normal or zero, and the
 * host result is far enough from the subnormal range and from overflow that IEEE host
 * arithmetic equals FPRound and the only possible flag is IXC, which is detected exactly
 * with error-free transformations (TwoSum, FMA). Returns false to fall back to the exact path.
 */
final class FpFast {
    private FpFast() { }

    static final int NONE = 0;
    static final int ADD = 1;
    static final int SUB = 2;
    static final int MUL = 3;

    private static boolean eligible(int fpcr) { return (fpcr & (Fp.FZ | 3 << 22)) == 0; }

    private static boolean plain64(long bits) {
        long e = (bits >>> 52) & 0x7FF;
        return e != 0x7FF && (e != 0 || (bits << 1) == 0);
    }

    private static boolean plain32(long bits) {
        long e = (bits >>> 23) & 0xFF;
        return e != 0xFF && (e != 0 || (bits << 33) == 0);
    }

    /** Fast double op; result in out[0]. */
    static boolean op64(int op, long a, long b, CpuState st, long[] out) {
        if (!eligible(st.fpcr) || !plain64(a) || !plain64(b)) {
            return false;
        }
        double x = Double.longBitsToDouble(a);
        double y = Double.longBitsToDouble(b);
        double r;
        boolean inexact;
        if (op == MUL) {
            r = x * y;
            if (r == 0 && (x == 0 || y == 0)) {
                inexact = false;
            } else if (Math.abs(r) >= 0x1p-969 && !Double.isInfinite(r)) {
                inexact = Math.fma(x, y, -r) != 0;
            } else {
                return false;
            }
        } else {
            if (op == SUB) {
                y = -y;
            }
            r = x + y;
            if (Double.isInfinite(r) || (r != 0 && Math.abs(r) < Double.MIN_NORMAL)) {
                return false;
            }
            double bb = r - x;
            inexact = ((x - (r - bb)) + (y - bb)) != 0;
        }
        if (inexact) {
            st.fpsr |= Fp.IXC;
        }
        out[0] = Double.doubleToRawLongBits(r);
        return true;
    }

    /** Fast single op; result in out[0]. */
    static boolean op32(int op, long a, long b, CpuState st, long[] out) {
        if (!eligible(st.fpcr) || !plain32(a) || !plain32(b)) {
            return false;
        }
        float x = Float.intBitsToFloat((int) a);
        float y = Float.intBitsToFloat((int) b);
        float r;
        boolean inexact;
        if (op == MUL) {
            r = x * y;
            if (r == 0 && (x == 0 || y == 0)) {
                inexact = false;
            } else if (Math.abs(r) >= 0x1p-102f && !Float.isInfinite(r)) {
                inexact = Math.fma(x, y, -r) != 0;
            } else {
                return false;
            }
        } else {
            if (op == SUB) {
                y = -y;
            }
            r = x + y;
            if (Float.isInfinite(r) || (r != 0 && Math.abs(r) < Float.MIN_NORMAL)) {
                return false;
            }
            float bb = r - x;
            inexact = ((x - (r - bb)) + (y - bb)) != 0;
        }
        if (inexact) {
            st.fpsr |= Fp.IXC;
        }
        out[0] = Float.floatToRawIntBits(r) & 0xFFFF_FFFFL;
        return true;
    }

    /**
     * Fast single-precision FPMulAdd ({@code addend + a * b}, one rounding; FMADD, FMLA...).
     * The product of two singles is exact in a double, and TwoSum gives the sum as s + e
     * exactly; the float nearest to s is the float nearest to the exact value unless s is a
     * midpoint between two floats and e is not zero (then the exact path decides). Results
     * near the subnormal range or overflowing take the exact path (UFC and OFC).
     */
    static boolean mulAdd32(long addend, long a, long b, CpuState st, long[] out) {
        if (!eligible(st.fpcr) || !plain32(addend) || !plain32(a) || !plain32(b)) {
            return false;
        }
        double p = (double) Float.intBitsToFloat((int) a) * (double) Float.intBitsToFloat((int) b);
        double c = Float.intBitsToFloat((int) addend);
        double s = p + c;
        double bb = s - p;
        double e = (p - (s - bb)) + (c - bb);
        if (s != 0 && Math.abs(s) < 0x1p-125) {
            return false;
        }
        if (e != 0 && (Double.doubleToRawLongBits(s) & 0x1FFF_FFFFL) == 0x1000_0000L) {
            return false;
        }
        float r = (float) s;
        if (Float.isInfinite(r)) {
            return false;
        }
        if (e != 0 || s != (double) r) {
            st.fpsr |= Fp.IXC;
        }
        out[0] = Float.floatToRawIntBits(r) & 0xFFFF_FFFFL;
        return true;
    }

    static boolean op(int n, int op, long a, long b, CpuState st, long[] out) {
        return n == 64 ? op64(op, a, b, st, out) : n == 32 && op32(op, a, b, st, out);
    }
}
