package org.emu4e.engine.cpu.a64.insn.ldst;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.insn.IntRig;
import org.emu4e.engine.testing.CpuRig;
import org.junit.jupiter.api.Test;

/** Single-register, pair and literal rows of {@link LoadStoreGroup}. X0 points at CpuRig.DATA. */
class LoadStoreTest {
    private static final long D = CpuRig.DATA;

    @Test
    void sizesAndSignExtension() {
        IntRig r = IntRig.run("str x1, [x0]\n ldrb w2, [x0]\n ldrsb x3, [x0]\n ldrsb w4, [x0]\n ldrh w5, [x0, #2]\n"
                + "ldrsh x6, [x0, #2]\n ldrsh w7, [x0, #2]\n ldr w8, [x0, #4]\n ldrsw x9, [x0, #4]\n ldr x10, [x0]\n"
                + "strb w1, [x0, #8]\n strh w1, [x0, #10]\n str w1, [x0, #12]\n ldr x11, [x0, #8]",
                D, 0x8123_4567_89AB_CDEFL);
        assertEquals(0xEF, r.x(2));
        assertEquals(0xFFFF_FFFF_FFFF_FFEFL, r.x(3));
        assertEquals(0xFFFF_FFEFL, r.x(4));
        assertEquals(0x89AB, r.x(5));
        assertEquals(0xFFFF_FFFF_FFFF_89ABL, r.x(6));
        assertEquals(0xFFFF_89ABL, r.x(7));
        assertEquals(0x8123_4567L, r.x(8));
        assertEquals(0xFFFF_FFFF_8123_4567L, r.x(9));
        assertEquals(0x8123_4567_89AB_CDEFL, r.x(10));
        assertEquals(0x89AB_CDEF_CDEF_00EFL, r.x(11));
    }

    @Test
    void addressingModesAndWriteback() {
        IntRig r = IntRig.run("mov x1, #7\n str x1, [x0, #16]!\n mov x2, x0\n ldr x3, [x0], #-8\n mov x4, x0\n"
                + "stur x1, [x0, #-1]\n ldur x5, [x0, #-1]\n mov x6, #1\n ldr x7, [x0, x6, lsl #3]\n"
                + "mov w8, #-1\n add x9, x0, #16\n ldr x10, [x9, w8, sxtw #3]\n ldtr x11, [x0, #8]\n sttrb w1, [x0, #100]\n"
                + "ldrb w12, [x0, #100]", D);
        assertEquals(D + 16, r.x(2));
        assertEquals(7, r.x(3));
        assertEquals(D + 8, r.x(4));
        assertEquals(7, r.x(5));
        assertEquals(7, r.x(7));
        assertEquals(7, r.x(10));
        assertEquals(7, r.x(11));
        assertEquals(7, r.x(12));
    }

    @Test
    void writebackWithRnEqualRtFollowsQemu() {
        // load: the written-back address wins; store: the value from before writeback is stored
        IntRig r = IntRig.run("str x0, [x0, #8]!\n ldr x1, [x0]\n mov x2, x0\n ldr x2, [x2], #8", D);
        assertEquals(D, r.x(1));
        assertEquals(D + 16, r.x(2));
    }

    @Test
    void pairs() {
        IntRig r = IntRig.run("mov x1, #1\n mov x2, #-2\n stp x1, x2, [x0, #-16]!\n ldp x3, x4, [x0]\n"
                + "stp w2, w1, [x0, #16]\n ldpsw x5, x6, [x0, #16]\n ldp w7, w8, [x0], #16\n stnp x1, x1, [x0, #32]\n"
                + "ldnp x9, x10, [x0, #32]\n ldp x11, x11, [x0, #-16]", D + 64);
        assertEquals(D + 64, r.x(0));
        assertEquals(1, r.x(3));
        assertEquals(-2, r.x(4));
        assertEquals(-2, r.x(5));
        assertEquals(1, r.x(6));
        assertEquals(1, r.x(7));
        assertEquals(0, r.x(8));
        assertEquals(1, r.x(9));
        assertEquals(1, r.x(10));
        assertEquals(1, r.x(11), "LDP Rt == Rt2 keeps the first value, as QEMU");
    }

    @Test
    void literalAndPrefetch() {
        IntRig r = IntRig.run("ldr x1, 1f\n ldr w2, 1f\n ldrsw x3, 1f + 4\n prfm pldl1keep, 1f\n prfm pstl2strm, [x0, #8]\n"
                + "prfum pldl3keep, [x0, #-3]\n prfm pldl1keep, [x0, x1]\n b 2f\n.balign 8\n1: .quad 0x8000000112345678\n2: nop", D);
        assertEquals(0x8000_0001_1234_5678L, r.x(1));
        assertEquals(0x1234_5678L, r.x(2));
        assertEquals(0xFFFF_FFFF_8000_0001L, r.x(3));
    }

    @Test
    void unallocatedForms() {
        // LDRSW with pre-index size=10 opc=11 has no row; PRFM pre-index neither
        IntRig.run(".inst 0xb8c00c00").assertException(GuestException.EC_UNKNOWN);
        IntRig.run(".inst 0xf8800c00").assertException(GuestException.EC_UNKNOWN);
        // register offset with option=x0x
        IntRig.run(".inst 0xf8600800").assertException(GuestException.EC_UNKNOWN);
        // CAS (ARMv8.1) is not in ARMv8.0
        IntRig.run(".inst 0xc8a07c41").assertException(GuestException.EC_UNKNOWN);
    }

    @Test
    void spAlignmentCheckWhenSctlrSaIsSet() {
        IntRig r = new IntRig();
        r.rig.load("mov sp, x0\n ldr x1, [sp]");
        r.s().x[0] = D + 8;
        r.rig.cpu().sys().sctlr[1] = 1 << 3;
        r.rig.run(100);
        r.assertException(GuestException.EC_SP_ALIGN);
    }

    @Test
    void alignmentCheckWhenSctlrAIsSet() {
        IntRig r = new IntRig();
        r.rig.load("ldr w1, [x0, #2]");
        r.s().x[0] = D;
        r.rig.cpu().sys().sctlr[1] = 1 << 1;
        r.rig.run(100);
        r.assertException(GuestException.EC_DABORT_SAME);
        assertEquals(0b100001, r.esr() & 0x3F);
        assertEquals(D + 2, r.far());
    }
}
