package org.emu4e.engine.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.sem.fp.Fp;
import org.junit.jupiter.api.Test;

/** Focused tests of scalar FP rounding, flags, flush-to-zero, default NaN and conversions. */
class ScalarFpTest {
    private static final int RP = 1 << 22;
    private static final int RM = 2 << 22;
    private static final int RZ = 3 << 22;

    @Test
    void directedRoundingOfSingleAdd() {
        float tiny = (float) Math.scalb(1.0, -30);
        SimdRig r = new SimdRig().f(1, 1.0f).f(2, tiny);
        r.s.fpcr = RP;
        r.run("fadd s0, s1, s2");
        assertEquals(Math.nextUp(1.0f), r.f(0));
        assertEquals(Fp.IXC, r.s.fpsr);
        r.s.fpcr = RM;
        r.s.fpsr = 0;
        r.f(2, -tiny).run("fadd s0, s1, s2");
        assertEquals(Math.nextDown(1.0f), r.f(0));
        r.s.fpcr = RZ;
        r.run("fadd s0, s1, s2");
        assertEquals(Math.nextDown(1.0f), r.f(0));
    }

    @Test
    void overflowUnderflowAndDivideByZeroFlags() {
        SimdRig r = new SimdRig().d(1, Double.MAX_VALUE).d(2, 2.0);
        r.run("fmul d0, d1, d2");
        assertEquals(Double.POSITIVE_INFINITY, r.d(0));
        assertEquals(Fp.OFC | Fp.IXC, r.s.fpsr);
        r.s.fpsr = 0;
        r.s.fpcr = RZ;
        r.run("fmul d0, d1, d2");
        assertEquals(Double.MAX_VALUE, r.d(0));
        r.s.fpcr = 0;
        r.s.fpsr = 0;
        r.d(1, Double.MIN_NORMAL).d(2, 1.0 / 3).run("fmul d0, d1, d2");
        assertEquals(Fp.UFC | Fp.IXC, r.s.fpsr);
        r.s.fpsr = 0;
        r.d(1, 1.0).d(2, -0.0).run("fdiv d0, d1, d2");
        assertEquals(Double.NEGATIVE_INFINITY, r.d(0));
        assertEquals(Fp.DZC, r.s.fpsr);
    }

    @Test
    void flushToZeroAndDefaultNaN() {
        SimdRig r = new SimdRig().d(1, Double.MIN_VALUE).d(2, 1.0);
        r.s.fpcr = Fp.FZ;
        r.run("fmul d0, d1, d2");
        assertEquals(0L, r.s.vlo[0]);
        assertEquals(Fp.IDC, r.s.fpsr);
        r.s.fpsr = 0;
        r.d(1, Double.MIN_NORMAL).d(2, 0.5).run("fmul d0, d1, d2");
        assertEquals(0L, r.s.vlo[0]);
        assertEquals(Fp.UFC, r.s.fpsr);
        r.s.fpcr = Fp.DN;
        r.s.fpsr = 0;
        r.s.vlo[1] = 0xFFF0_0000_0000_0001L;
        r.run("fadd d0, d1, d2");
        assertEquals(0x7FF8_0000_0000_0000L, r.s.vlo[0]);
        assertEquals(Fp.IOC, r.s.fpsr);
        r.s.fpcr = 0;
        r.run("fadd d0, d1, d2");
        assertEquals(0xFFF8_0000_0000_0001L, r.s.vlo[0]);
    }

    @Test
    void fusedMultiplyAddRoundsOnce() {
        double a = 1.0 + Math.ulp(1.0);
        SimdRig r = new SimdRig().d(1, a).d(2, a).d(3, -1.0);
        r.run("fmadd d0, d1, d2, d3");
        assertEquals(Math.fma(a, a, -1.0), r.d(0));
        r.run("fnmsub d4, d1, d2, d3");
        assertEquals(Math.fma(a, a, 1.0), r.d(4));
    }

    @Test
    void compareAndConditionalSelect() {
        SimdRig r = new SimdRig().d(1, 1.0).d(2, 2.0);
        r.run("fcmp d1, d2\nfcsel d0, d1, d2, lt");
        assertEquals(0b1000, r.s.nzcv);
        assertEquals(1.0, r.d(0));
        r.s.vlo[2] = 0x7FF0_0000_0000_0001L;
        r.run("fcmpe d1, d2");
        assertEquals(0b0011, r.s.nzcv);
        assertEquals(Fp.IOC, r.s.fpsr);
    }

    @Test
    void conversionsToAndFromIntegers() {
        SimdRig r = new SimdRig().d(1, -2.5).d(2, 1e30);
        r.run("fcvtns x0, d1\nfcvtas x1, d1\nfcvtzu w2, d1\nfcvtzs w3, d2\nfcvtzs x4, d1, #2");
        assertEquals(-2L, r.s.x[0]);
        assertEquals(-3L, r.s.x[1]);
        assertEquals(0L, r.s.x[2]);
        assertEquals(0x7FFF_FFFFL, r.s.x[3]);
        assertEquals(-10L, r.s.x[4]);
        assertEquals(Fp.IOC | Fp.IXC, r.s.fpsr);
        r.s.x[5] = -1;
        r.run("ucvtf d5, x5\nscvtf s6, w5\nfmov x7, d1\nfmov v8.d[1], x7");
        assertEquals(0x1p64, r.d(5));
        assertEquals(-1.0f, r.f(6));
        assertEquals(Double.doubleToRawLongBits(-2.5), r.s.x[7]);
        assertEquals(r.s.x[7], r.s.vhi[8]);
    }

    @Test
    void precisionConversionsAndHalfPrecision() {
        SimdRig r = new SimdRig().d(1, 65520.0);
        r.run("fcvt h0, d1");
        assertEquals(0x7C00L, r.s.vlo[0], "rounds to +inf in IEEE half");
        r.s.fpcr = Fp.AHP;
        r.d(7, 1e6).run("fcvt h0, d1\nfcvt s2, h0\nfcvt h8, d7");
        assertEquals(0x7C00L, r.s.vlo[0], "AHP: exponent 31 is a normal number");
        assertEquals(65536.0f, r.f(2));
        assertEquals(0x7FFFL, r.s.vlo[8], "AHP overflow saturates");
        assertEquals(Fp.IOC | Fp.IXC | Fp.OFC, r.s.fpsr);
        r.run("fmov d3, #-1.25\nfrintx d4, d1\nfrintm d5, d3");
        assertEquals(-1.25, r.d(3));
        assertEquals(65520.0, r.d(4));
        assertEquals(-2.0, r.d(5));
    }

    @Test
    void fpAccessTrapsAtEl0WhenOnlyEl1IsEnabled() {
        SimdRig r = new SimdRig();
        r.rig.cpu().sys().cpacrEl1 = 1L << 20;
        r.s.el = 0;
        r.s.spsel = 0;
        r.rig.load("fadd d0, d1, d2");
        r.rig.cpu().run(1);
        assertEquals(GuestException.EC_FP_ACCESS, (int) (r.rig.cpu().sys().esr[1] >>> 26));
        assertEquals(0x1E0_0000L, r.rig.cpu().sys().esr[1] & 0x1FF_FFFFL);
    }
}
