package org.emu4e.engine.cpu.a64.insn.dpreg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.zip.CRC32;
import java.util.zip.CRC32C;

import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.insn.IntRig;
import org.junit.jupiter.api.Test;

/** Rows of {@link DpRegisterGroup}, through assembled code on a CpuRig. */
class DpRegisterTest {
    @Test
    void addSubShiftedAndExtended() {
        IntRig r = IntRig.run("add x2, x0, x1, lsl #4\n sub w3, w0, w1, asr #1\n add x4, x0, w1, sxtb #2\n"
                + "mov sp, x0\n add sp, sp, w1, uxtb\n mov x5, sp\n sub x6, x0, x1, uxtx #3\n neg x7, x1, lsr #1", 100, 0x80L);
        assertEquals(100 + 0x800, r.x(2));
        assertEquals(100 - 0x40, r.x(3));
        assertEquals(100 + (-128L << 2), r.x(4));
        assertEquals(100 + 0x80, r.x(5));
        assertEquals(100 - 0x400, r.x(6));
        assertEquals(-0x40L, r.x(7));
        // shift type 11 and imm3 > 4 have no row
        IntRig.run(".inst 0x8bc00000").assertException(GuestException.EC_UNKNOWN);
        IntRig.run(".inst 0x8b201400").assertException(GuestException.EC_UNKNOWN);
        // 32-bit with imm6 >= 32 has no row
        IntRig.run(".inst 0x0b008000").assertException(GuestException.EC_UNKNOWN);
    }

    @Test
    void flagSettingForms() {
        assertEquals(0b0111, IntRig.run("adds x2, x0, x1", Long.MIN_VALUE, Long.MIN_VALUE).nzcv());
        assertEquals(0b0110 | 0, IntRig.run("subs x2, x0, x1", 5, 5).nzcv() & 0b0110);
        assertEquals(0b1000, IntRig.run("cmp w0, w1", 1, 2).nzcv());
        assertEquals(0b0010, IntRig.run("cmn x0, x1, lsl #1", -1, 1).nzcv());
    }

    @Test
    void carryForms() {
        // x0:x1 128-bit add via adds/adc
        IntRig r = IntRig.run("adds x4, x0, x2\n adc x5, x1, x3\n subs x6, x0, x2\n sbc x7, x1, x3\n"
                + "cmp xzr, xzr\n adcs w8, wzr, wzr\n sbcs x9, xzr, xzr", -1, 1, 1, 2);
        assertEquals(0, r.x(4));
        assertEquals(4, r.x(5));
        assertEquals(-2, r.x(6));
        assertEquals(-1, r.x(7));
        assertEquals(1, r.x(8));
        assertEquals(-1, r.x(9), "ADCS left C clear, so SBCS subtracts one more");
        assertEquals(0b1000, r.nzcv());
    }

    @Test
    void logicalShifted() {
        IntRig r = IntRig.run("and x2, x0, x1\n bic x3, x0, x1\n orr w4, w0, w1, ror #4\n orn x5, xzr, x1\n"
                + "eor x6, x0, x1, lsl #8\n eon w7, w0, w1\n ands x8, x0, x1, lsr #60\n bics w9, w0, w0", 0xF0F0L, 0xFF00_0000_0000_00FFL);
        assertEquals(0xF0, r.x(2));
        assertEquals(0xF000, r.x(3));
        assertEquals((0xF0F0 | Integer.rotateRight(0xFF, 4)) & 0xFFFF_FFFFL, r.x(4));
        assertEquals(~0xFF00_0000_0000_00FFL, r.x(5));
        assertEquals(0xF0F0L ^ 0xFF00L, r.x(6));
        assertEquals((~(0xF0F0 ^ 0xFF)) & 0xFFFF_FFFFL, r.x(7));
        assertEquals(0, r.x(8));
        assertEquals(0, r.x(9));
        assertEquals(0b0100, r.nzcv());
    }

    @Test
    void conditionalCompareAndSelect() {
        IntRig r = IntRig.run("cmp x0, #1\n ccmp x1, #2, #0b1111, eq\n cset x2, eq\n ccmp x1, x0, #0b0100, ne\n"
                + "cset x3, eq\n csel x4, x0, x1, hi\n csinc x5, x0, x1, lo\n csinv w6, w0, w1, al\n csneg x7, x0, x1, nv\n"
                + "cneg x8, x1, ne", 1, 2);
        assertEquals(1, r.x(2));
        assertEquals(1, r.x(3));
        assertEquals(2, r.x(4));
        assertEquals(1, r.x(5));
        assertEquals(1, r.x(6));
        assertEquals(1, r.x(7));
        assertEquals(2, r.x(8));
    }

    @Test
    void oneSource() {
        IntRig r = IntRig.run("rbit x1, x0\n rev16 w2, w0\n rev32 x3, x0\n rev x4, x0\n rev w5, w0\n clz x6, x0\n"
                + "cls x7, x0\n clz w8, wzr\n cls w9, wzr\n mvn x10, xzr\n cls x11, x10", 0x0011_2233_4455_6677L);
        assertEquals(Long.reverse(0x0011_2233_4455_6677L), r.x(1));
        assertEquals(0x5544_7766L, r.x(2));
        assertEquals(0x3322_1100_7766_5544L, r.x(3));
        assertEquals(0x7766_5544_3322_1100L, r.x(4));
        assertEquals(0x7766_5544L, r.x(5));
        assertEquals(11, r.x(6));
        assertEquals(10, r.x(7));
        assertEquals(32, r.x(8));
        assertEquals(31, r.x(9));
        assertEquals(63, r.x(11));
    }

    @Test
    void divideAndVariableShifts() {
        IntRig r = IntRig.run("sdiv x2, x0, x1\n udiv x3, x0, x1\n sdiv x4, x0, xzr\n mov x9, #-1\n sdiv x5, x6, x9\n"
                + "sdiv w7, w0, w9\n lsl x8, x0, x1\n lsr w10, w0, w1\n asr x11, x0, x1\n ror w12, w1, w1",
                -7, 2, 0, 0, 0, 0, Long.MIN_VALUE);
        assertEquals(-3, r.x(2));
        assertEquals(Long.divideUnsigned(-7, 2), r.x(3));
        assertEquals(0, r.x(4));
        assertEquals(Long.MIN_VALUE, r.x(5));
        assertEquals(7, r.x(7));
        assertEquals(-28, r.x(8));
        assertEquals(0xFFFF_FFF9L >>> 2, r.x(10));
        assertEquals(-2, r.x(11));
        assertEquals(Integer.rotateRight(2, 2) & 0xFFFF_FFFFL, r.x(12));
    }

    @Test
    void crc32MatchesJavaUtilZip() {
        long data = 0x0123_4567_89AB_CDEFL;
        byte[] bytes = new byte[8];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (data >>> (8 * i));
        }
        IntRig r = IntRig.run(".arch_extension crc\n mov w2, #-1\n crc32x w2, w2, x0\n mvn w2, w2\n mov w3, #-1\n crc32cx w3, w3, x0\n mvn w3, w3\n"
                + "mov w4, #-1\n crc32b w4, w4, w0\n lsr x1, x0, #8\n crc32h w4, w4, w1\n lsr x1, x0, #24\n crc32w w4, w4, w1\n"
                + "lsr x1, x0, #56\n crc32b w4, w4, w1\n mvn w4, w4\n"
                + "mov w5, #-1\n crc32cb w5, w5, w0\n lsr x1, x0, #8\n crc32ch w5, w5, w1\n lsr x1, x0, #24\n crc32cw w5, w5, w1\n"
                + "lsr x1, x0, #56\n crc32cb w5, w5, w1\n mvn w5, w5", data);
        CRC32 c = new CRC32();
        c.update(bytes);
        CRC32C cc = new CRC32C();
        cc.update(bytes);
        assertEquals(c.getValue(), r.x(2));
        assertEquals(cc.getValue(), r.x(3));
        assertEquals(c.getValue(), r.x(4));
        assertEquals(cc.getValue(), r.x(5));
    }

    @Test
    void threeSource() {
        IntRig r = IntRig.run("madd x3, x0, x1, x2\n msub w4, w0, w1, w2\n smaddl x5, w0, w1, x2\n umaddl x6, w0, w1, x2\n"
                + "smsubl x7, w0, w1, xzr\n umsubl x8, w0, w1, xzr\n smulh x9, x0, x1\n umulh x10, x0, x1\n mul x11, x0, x1",
                -3, 5, 100);
        assertEquals(85, r.x(3));
        assertEquals(115, r.x(4));
        assertEquals(85, r.x(5));
        assertEquals(100 + 0xFFFF_FFFDL * 5, r.x(6));
        assertEquals(15, r.x(7));
        assertEquals(-(0xFFFF_FFFDL * 5), r.x(8));
        assertEquals(-1, r.x(9));
        assertEquals(4, r.x(10));
        assertEquals(-15, r.x(11));
    }
}
