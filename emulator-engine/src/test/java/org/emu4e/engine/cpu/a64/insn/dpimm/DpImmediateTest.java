package org.emu4e.engine.cpu.a64.insn.dpimm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.insn.IntRig;
import org.emu4e.engine.testing.CpuRig;
import org.junit.jupiter.api.Test;

/** Rows of {@link DpImmediateGroup}, through assembled code on a CpuRig. */
class DpImmediateTest {
    @Test
    void adrAndAdrp() {
        IntRig r = IntRig.run("adr x0, . + 0x10\n .inst 0xb0000021 // adrp x1, . + 0x5000 (the unlinked assembler leaves ADRP relocations at 0)\n adr x2, . - 8");
        assertEquals(CpuRig.CODE + 0x10, r.x(0));
        assertEquals(((CpuRig.CODE + 4) & ~0xFFFL) + 0x5000, r.x(1));
        assertEquals(CpuRig.CODE + 8 - 8, r.x(2));
    }

    @Test
    void addSubImmediateIncludingShiftedImmAndSp() {
        IntRig r = IntRig.run("add x1, x0, #0xfff\n add x2, x0, #1, lsl #12\n sub w3, w0, #1\n"
                + "mov sp, x0\n add sp, sp, #16\n mov x4, sp\n sub x5, sp, #0x20", 0x1000);
        assertEquals(0x1FFF, r.x(1));
        assertEquals(0x2000, r.x(2));
        assertEquals(0xFFF, r.x(3));
        assertEquals(0x1010, r.x(4));
        assertEquals(0xFF0, r.x(5));
    }

    @Test
    void addsSubsFlags() {
        // 0x7fffffff + 1 overflows in 32 bits: N=1 V=1
        assertEquals(0b1001, IntRig.run("adds w1, w0, #1", 0x7FFF_FFFFL).nzcv());
        // 0 - 1: N=1, C=0 (borrow)
        assertEquals(0b1000, IntRig.run("subs x1, x0, #1", 0).nzcv());
        // 1 - 1: Z=1, C=1
        IntRig r = IntRig.run("subs x1, x0, #1", 1);
        assertEquals(0b0110, r.nzcv());
        assertEquals(0, r.x(1));
        // all ones + 1 carries out: Z=1 C=1
        assertEquals(0b0110, IntRig.run("adds x1, x0, #1", -1).nzcv());
        // cmp sp form
        assertEquals(0b0110, IntRig.run("mov sp, x0\n cmp sp, #0x40", 0x40).nzcv());
    }

    @Test
    void logicalImmediate() {
        IntRig r = IntRig.run("and x1, x0, #0xff00ff00ff00ff00\n orr w2, wzr, #0x3\n eor x3, x0, #0x5555555555555555\n"
                + "ands w4, w0, #0x80000000\n orr sp, xzr, #0x10\n mov x5, sp", 0xFFFF_FFFF_8000_1234L);
        assertEquals(0xFF00_FF00_8000_1200L, r.x(1));
        assertEquals(3, r.x(2));
        assertEquals(0xFFFF_FFFF_8000_1234L ^ 0x5555_5555_5555_5555L, r.x(3));
        assertEquals(0x8000_0000L, r.x(4));
        assertEquals(0b1000, r.nzcv());
        assertEquals(0x10, r.x(5));
    }

    @Test
    void reservedLogicalImmediateIsUndefined() {
        // AND x0, x0, N=1 imms=111111: all-ones element is reserved (DecodeBitMasks)
        IntRig r = IntRig.run(".inst 0x927ffc00");
        r.assertException(GuestException.EC_UNKNOWN);
        // 32-bit form with N=1 has no row
        IntRig.run(".inst 0x12400000").assertException(GuestException.EC_UNKNOWN);
    }

    @Test
    void moveWide() {
        IntRig r = IntRig.run("movz x0, #0x1234, lsl #48\n movk x0, #0xbeef, lsl #16\n movn w1, #0\n movn x2, #0xf, lsl #32\n"
                + "mov x3, #-1\n movk w3, #7");
        assertEquals(0x1234_0000_BEEF_0000L, r.x(0));
        assertEquals(0xFFFF_FFFFL, r.x(1));
        assertEquals(~(0xFL << 32), r.x(2));
        assertEquals(0xFFFF_0007L, r.x(3), "MOVK W zero-extends");
        // MOVZ 32-bit with hw=1x has no row
        IntRig.run(".inst 0x52c00000").assertException(GuestException.EC_UNKNOWN);
    }

    @Test
    void bitfieldMoves() {
        IntRig r = IntRig.run("ubfx x1, x0, #4, #8\n sbfx x2, x0, #60, #4\n lsl w3, w0, #4\n asr x4, x0, #63\n"
                + "mov x5, #-1\n bfi x5, xzr, #8, #8\n sxtb w6, w0\n uxth x7, w0\n bfxil w8, w0, #0, #4\n sbfiz x9, x0, #2, #3",
                0x8000_0000_0000_0AF5L);
        assertEquals(0xAF, r.x(1));
        assertEquals(-8, r.x(2));
        assertEquals(0xAF50, r.x(3));
        assertEquals(-1, r.x(4));
        assertEquals(0xFFFF_FFFF_FFFF_00FFL, r.x(5));
        assertEquals(0xFFFF_FFF5L, r.x(6));
        assertEquals(0x0AF5, r.x(7));
        assertEquals(5, r.x(8) & 0xF);
        assertEquals(-3L << 2, r.x(9));
        // SBFM 64-bit with N=0 has no row
        IntRig.run(".inst 0x93000000").assertException(GuestException.EC_UNKNOWN);
    }

    @Test
    void extract() {
        IntRig r = IntRig.run("extr x2, x0, x1, #8\n extr w3, w0, w1, #4\n ror x4, x0, #4\n extr x5, x0, x1, #0",
                0x1122_3344_5566_7788L, 0x99AA_BBCC_DDEE_FF00L);
        assertEquals(0x8899_AABB_CCDD_EEFFL, r.x(2));
        assertEquals(0x8DDEEFF0L, r.x(3));
        assertEquals(0x8112_2334_4556_6778L, r.x(4));
        assertEquals(0x99AA_BBCC_DDEE_FF00L, r.x(5));
    }
}
