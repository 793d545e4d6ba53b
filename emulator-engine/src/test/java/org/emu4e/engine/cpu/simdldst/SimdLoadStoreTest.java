package org.emu4e.engine.cpu.simdldst;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.testing.CpuRig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Focused tests of the SIMD&FP load/store group (one row family per test). */
class SimdLoadStoreTest {
    private static final long D = CpuRig.DATA;
    private CpuRig rig;
    private CpuState s;

    @BeforeEach
    void setUp() {
        rig = new CpuRig();
        s = rig.s();
        rig.cpu().sys().cpacrEl1 = 3L << 20;
        rig.cpu().sys().vbar[1] = CpuRig.RAM_BASE + 0x2_0000;
        for (int i = 0; i < 256; i++) {
            rig.cpu().write(D + i, 1, i);
        }
        s.x[0] = D;
        s.sp[1] = D + 64;
    }

    private void run(String src) {
        rig.load(src);
        rig.run(100);
    }

    private long mem(long a, int n) { return rig.cpu().read(a, n); }

    @Test
    void ldrStrAllSizesAndModes() {
        s.x[1] = 3;
        s.vhi[5] = -1;
        run("""
            ldr b1, [x0, #5]
            ldr h2, [x0, #6]
            ldr s3, [x0, #8]
            ldr d4, [x0, #16]
            ldr q5, [x0, #32]
            ldur q6, [x0, #1]
            ldr q7, [x0, x1, lsl #4]
            ldr d8, [x0], #8
            ldr s9, [x0, #4]!
            str q5, [sp, #16]
            stur d4, [sp, #-8]
            """);
        assertEquals(5, s.vlo[1]);
        assertEquals(0, s.vhi[1]);
        assertEquals(0x0706, s.vlo[2]);
        assertEquals(0x0B0A0908L, s.vlo[3]);
        assertEquals(0x1716151413121110L, s.vlo[4]);
        assertEquals(0x2726252423222120L, s.vlo[5]);
        assertEquals(0x2F2E2D2C2B2A2928L, s.vhi[5]);
        assertEquals(0x0807060504030201L, s.vlo[6]);
        assertEquals(0x3736353433323130L, s.vlo[7]);
        assertEquals(0x0706050403020100L, s.vlo[8]);
        assertEquals(0x0F0E0D0CL, s.vlo[9]);
        assertEquals(D + 12, s.x[0]);
        assertEquals(0x2726252423222120L, mem(D + 80, 8));
        assertEquals(0x2F2E2D2C2B2A2928L, mem(D + 88, 8));
        assertEquals(0x1716151413121110L, mem(D + 56, 8));
    }

    @Test
    void pairsAndLiteral() {
        run("""
            ldp q0, q1, [x0, #32]
            ldp s2, s3, [x0], #-8
            stp d0, d1, [sp, #-16]!
            ldnp d4, d5, [sp]
            ldr q6, lit
            b 1f
            .align 4
            lit: .quad 0x1122334455667788, 0x99aabbccddeeff00
            1:
            """);
        assertEquals(0x2726252423222120L, s.vlo[0]);
        assertEquals(0x3736353433323130L, s.vlo[1]);
        assertEquals(0x3F3E3D3C3B3A3938L, s.vhi[1]);
        assertEquals(0x03020100L, s.vlo[2]);
        assertEquals(0x07060504L, s.vlo[3]);
        assertEquals(D - 8, s.x[0]);
        assertEquals(D + 48, s.sp[1]);
        assertEquals(s.vlo[0], s.vlo[4]);
        assertEquals(s.vlo[1], s.vlo[5]);
        assertEquals(0x1122334455667788L, s.vlo[6]);
        assertEquals(0x99aabbccddeeff00L, s.vhi[6]);
    }

    @Test
    void structuresMultipleSingleAndReplicate() {
        s.x[2] = 4;
        run("""
            ld1 {v0.16b, v1.16b}, [x0]
            ld2 {v2.4s, v3.4s}, [x0], #32
            ld3 {v4.8b, v5.8b, v6.8b}, [x0]
            ld4r {v16.4h, v17.4h, v18.4h, v19.4h}, [x0]
            ld1 {v7.s}[3], [x0]
            ld1r {v8.2d}, [x0]
            st4 {v2.s, v3.s, v4.s, v5.s}[1], [sp], x2
            """);
        assertEquals(0x0706050403020100L, s.vlo[0]);
        assertEquals(0x1F1E1D1C1B1A1918L, s.vhi[1]);
        assertEquals(0x0B0A090803020100L, s.vlo[2]);
        assertEquals(0x0F0E0D0C07060504L, s.vlo[3]);
        assertEquals(D + 32, s.x[0]);
        assertEquals(0x3633302D2A272421L, s.vlo[5]);
        assertEquals(0, s.vhi[4]);
        assertEquals(0x2120212021202120L, s.vlo[16]);
        assertEquals(0x2726272627262726L, s.vlo[19]);
        assertEquals(0x23222120L, s.vhi[7] >>> 32);
        assertEquals(0x2726252423222120L, s.vhi[8]);
        assertEquals(D + 68, s.sp[1]);
        assertEquals(0x0B0A0908L, mem(D + 64, 4));
        assertEquals(0x0F0E0D0CL, mem(D + 68, 4));
    }

    @Test
    void fpDisabledTrapsWithEc7() {
        rig.cpu().sys().cpacrEl1 = 0;
        rig.load("ldr q0, [x0]");
        rig.cpu().run(1);
        assertEquals(GuestException.EC_FP_ACCESS, (int) (rig.cpu().sys().esr[1] >>> 26));
    }
}
