package org.emu4e.engine.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emu4e.engine.cpu.a64.sem.fp.Fp;
import org.junit.jupiter.api.Test;

/** Focused tests of Advanced SIMD families with hand-computed results. */
class AdvSimdTest {
    private static SimdRig bytes(int reg, long lo, long hi, SimdRig r) {
        r.s.vlo[reg] = lo;
        r.s.vhi[reg] = hi;
        return r;
    }

    @Test
    void integerThreeSameAndSaturation() {
        SimdRig r = bytes(1, 0x7F80_0102_0304_05FFL, 0, bytes(2, 0x0180_FF01_0101_0101L, 0, new SimdRig()));
        r.run("add v0.8b, v1.8b, v2.8b\nsqadd v3.8b, v1.8b, v2.8b\nuqsub v4.8b, v2.8b, v1.8b");
        assertEquals(0x8000_0003_0405_0600L, r.s.vlo[0]);
        assertEquals(0x7F80_0003_0405_0600L, r.s.vlo[3]);
        assertEquals(0x0000_FE00_0000_0000L, r.s.vlo[4]);
        assertEquals(Fp.QC, r.s.fpsr);
    }

    @Test
    void permutesTableAndExtract() {
        SimdRig r = bytes(1, 0x0706_0504_0302_0100L, 0x0F0E_0D0C_0B0A_0908L,
                bytes(2, 0x1716_1514_1312_1110L, 0x1F1E_1D1C_1B1A_1918L, new SimdRig()));
        r.run("zip1 v0.16b, v1.16b, v2.16b\nuzp2 v3.4s, v1.4s, v2.4s\next v4.16b, v1.16b, v2.16b, #3\n"
                + "tbl v5.8b, {v1.16b}, v6.8b");
        assertEquals(0x1303_1202_1101_1000L, r.s.vlo[0]);
        assertEquals(0x0F0E_0D0C_0706_0504L, r.s.vlo[3]);
        assertEquals(0x0A09_0807_0605_0403L, r.s.vlo[4]);
        assertEquals(0x1211_100F_0E0D_0C0BL, r.s.vhi[4]);
        assertEquals(0L, r.s.vlo[5]);
    }

    @Test
    void acrossLanesCopyAndImmediates() {
        SimdRig r = bytes(1, 0x0004_0003_0002_FFFFL, 0, new SimdRig());
        r.s.x[0] = 0x1234;
        r.run("addv h0, v1.4h\nsmaxv h2, v1.4h\numaxv h3, v1.4h\ndup v4.8h, w0\numov w5, v1.h[3]\n"
                + "smov x6, v1.h[0]\nmovi v7.2d, #0xff00ff00ff00ff00\nmvni v8.4s, #1, lsl #8\nfmov v9.2d, #0.5");
        assertEquals(0x0008L, r.s.vlo[0]);
        assertEquals(4L, r.s.vlo[2]);
        assertEquals(0xFFFFL, r.s.vlo[3]);
        assertEquals(0x1234_1234_1234_1234L, r.s.vhi[4]);
        assertEquals(4L, r.s.x[5]);
        assertEquals(-1L, r.s.x[6]);
        assertEquals(0xFF00_FF00_FF00_FF00L, r.s.vhi[7]);
        assertEquals(0xFFFF_FEFF_FFFF_FEFFL, r.s.vlo[8]);
        assertEquals(Double.doubleToRawLongBits(0.5), r.s.vhi[9]);
    }

    @Test
    void shiftsWideningAndNarrowing() {
        SimdRig r = bytes(1, 0x8000_7FFF_0001_FFFEL, 0, new SimdRig());
        r.run("sshr v0.4h, v1.4h, #1\nushll v2.4s, v1.4h, #4\nsqxtn v3.8b, v2.8h\nsqrshrn v4.4h, v2.4s, #5\n"
                + "shl d5, d1, #8\nsri v6.4h, v1.4h, #16");
        assertEquals(0xC000_3FFF_0000_FFFFL, r.s.vlo[0]);
        assertEquals(0x0000_0010_000F_FFE0L, r.s.vlo[2]);
        assertEquals(0x0008_0000_0007_FFF0L, r.s.vhi[2]);
        assertEquals(0x0800_07F0_0010_0FE0L, r.s.vlo[3]);
        assertEquals(0x4000_4000_0001_7FFFL, r.s.vlo[4]);
        assertEquals(0x007F_FF00_01FF_FE00L, r.s.vlo[5]);
        assertEquals(0, r.s.fpsr);
    }

    @Test
    void vectorFloatingPointAndConversions() {
        SimdRig r = new SimdRig();
        r.s.vlo[1] = Double.doubleToRawLongBits(1.5);
        r.s.vhi[1] = Double.doubleToRawLongBits(-2.5);
        r.s.vlo[2] = Double.doubleToRawLongBits(2.0);
        r.s.vhi[2] = Double.doubleToRawLongBits(2.0);
        r.run("fmul v0.2d, v1.2d, v2.2d\nfaddp d3, v1.2d\nfcvtzs v4.2d, v1.2d\nfcvtn v5.2s, v1.2d\n"
                + "fcmgt v6.2d, v1.2d, #0.0\nfmla v2.2d, v1.2d, v1.d[0]");
        assertEquals(3.0, Double.longBitsToDouble(r.s.vlo[0]));
        assertEquals(-5.0, Double.longBitsToDouble(r.s.vhi[0]));
        assertEquals(-1.0, Double.longBitsToDouble(r.s.vlo[3]));
        assertEquals(1L, r.s.vlo[4]);
        assertEquals(-2L, r.s.vhi[4]);
        assertEquals((long) Float.floatToRawIntBits(-2.5f) << 32 | Float.floatToRawIntBits(1.5f), r.s.vlo[5]);
        assertEquals(-1L, r.s.vlo[6]);
        assertEquals(0L, r.s.vhi[6]);
        assertEquals(4.25, Double.longBitsToDouble(r.s.vlo[2]));
        assertEquals(Fp.IXC, r.s.fpsr);
    }

    @Test
    void aesRoundMatchesFips197Vector() {
        // FIPS-197 appendix B, round 1: state after AddRoundKey is 19 3d e3 be a0 f4 e2 2b 9a c6 8d 2a e9 f8 48 08.
        SimdRig r = bytes(1, 0x2BE2F4A0BEE33D19L, 0x0848F8E92A8DC69AL, new SimdRig());
        r.run("movi v0.2d, #0\naese v0.16b, v1.16b\naesmc v2.16b, v0.16b");
        // After SubBytes+ShiftRows: d4 bf 5d 30 e0 b4 52 ae b8 41 11 f1 1e 27 98 e5.
        assertEquals(0xAE52B4E0305DBFD4L, r.s.vlo[0]);
        assertEquals(0xE598271EF11141B8L, r.s.vhi[0]);
        // After MixColumns: 04 66 81 e5 e0 cb 19 9a 48 f8 d3 7a 28 06 26 4c.
        assertEquals(0x9A19CBE0E5816604L, r.s.vlo[2]);
        assertEquals(0x4C2606287AD3F848L, r.s.vhi[2]);
    }
}
