package org.emu4e.engine.cpu.a64.sem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The pure helpers of cpu.a64.sem against independent reference computations. */
class SemanticsTest {

    /** AddWithCarry straight from its pseudocode definition, with unbounded integers. */
    private static int reference(long x, long y, int c, int bits) {
        BigInteger mod = BigInteger.ONE.shiftLeft(bits);
        BigInteger ux = BigInteger.valueOf(x).mod(mod);
        BigInteger uy = BigInteger.valueOf(y).mod(mod);
        BigInteger sx = ux.testBit(bits - 1) ? ux.subtract(mod) : ux;
        BigInteger sy = uy.testBit(bits - 1) ? uy.subtract(mod) : uy;
        BigInteger usum = ux.add(uy).add(BigInteger.valueOf(c));
        BigInteger ssum = sx.add(sy).add(BigInteger.valueOf(c));
        BigInteger result = usum.mod(mod);
        BigInteger sresult = result.testBit(bits - 1) ? result.subtract(mod) : result;
        int n = result.testBit(bits - 1) ? 8 : 0;
        int z = result.signum() == 0 ? 4 : 0;
        int cf = result.equals(usum) ? 0 : 2;
        int v = sresult.equals(ssum) ? 0 : 1;
        return n | z | cf | v;
    }

    @Test
    void addWithCarryMatchesThePseudocode() {
        Random rnd = new Random(1);
        long[] edge = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL};
        for (int i = 0; i < 20_000; i++) {
            long x = i < 64 * 8 ? edge[i % 8] : rnd.nextLong();
            long y = i < 64 * 8 ? edge[(i / 8) % 8] : rnd.nextBoolean() ? rnd.nextLong() : edge[rnd.nextInt(8)];
            int c = rnd.nextInt(2);
            assertEquals(reference(x, y, c, 64), AddWithCarry.flags64(x, y, c), x + " + " + y + " + " + c);
            assertEquals(reference(x, y, c, 32), AddWithCarry.flags32((int) x, (int) y, c), x + " +32 " + y + " + " + c);
        }
    }

    /** Every logical immediate is a rotated run of ones replicated over 2..64-bit elements. */
    @Test
    void logicalImmediatesAreExactlyTheRotatedReplicatedRuns() {
        Set<Long> expected64 = new HashSet<>();
        for (int e = 2; e <= 64; e *= 2) {
            for (int ones = 1; ones < e; ones++) {
                for (int rot = 0; rot < e; rot++) {
                    long elem = BitMasks.ones(ones);
                    long rotated = BitMasks.ror(elem, rot, e);
                    expected64.add(BitMasks.replicate(rotated, e, 64));
                }
            }
        }
        Set<Long> decoded64 = new HashSet<>();
        Set<Long> decoded32 = new HashSet<>();
        for (int v = 0; v < (1 << 13); v++) {
            long imm = BitMasks.logicalImmediate(v);
            if (imm != 0) {
                decoded64.add(imm);
                if ((v >>> 12) == 0) {
                    decoded32.add(imm & 0xFFFF_FFFFL);
                }
            }
        }
        assertEquals(5334, expected64.size());
        assertEquals(expected64, decoded64);
        assertEquals(1302, decoded32.size()); // sum of e*(e-1) for e = 2..32
    }

    @Test
    void conditionsTable() {
        // EQ NE CS CC MI PL VS VC HI LS GE LT GT LE AL NV for NZCV = 0b0110 (Z and C set)
        boolean[] zc = {true, false, true, false, false, true, false, true, false, true, true, false, false, true, true, true};
        for (int cond = 0; cond < 16; cond++) {
            assertEquals(zc[cond], Conditions.holds(cond, 0b0110), "cond " + cond);
        }
        assertTrue(Conditions.holds(10, 0b1001)); // GE: N == V
        assertTrue(Conditions.holds(12, 0b0000)); // GT
        assertTrue(Conditions.holds(8, 0b0010));  // HI
    }

    @Test
    void divideEdgeCases() {
        assertEquals(0, Divide.sdiv64(5, 0));
        assertEquals(Long.MIN_VALUE, Divide.sdiv64(Long.MIN_VALUE, -1));
        assertEquals(Integer.MIN_VALUE, Divide.sdiv32(Integer.MIN_VALUE, -1));
        assertEquals(-2, Divide.sdiv32(-5, 2));
        assertEquals(0, Divide.udiv32(5, 0));
        assertEquals(0x7FFF_FFFF_FFFF_FFFFL, Divide.udiv64(-1, 2));
    }

    @Test
    void extendReg() {
        assertEquals(0xFFL << 2, Shifts.extend(0x1FF, 0, 2));
        assertEquals(-1L << 4, Shifts.extend(0xFFFF, 5, 4));
        assertEquals(0xFFFF_FFFFL, Shifts.extend(-1, 2, 0));
        assertEquals(-1L, Shifts.extend(0xFFFF_FFFFL, 6, 0));
    }
}
