package org.emu4e.engine.cpu.a64.decode;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The decoder's index (rows listed per op0 and key bits) finds the same row as the table's
 * definition, a first-match scan of every row in priority order, and honours reserved values.
 */
class DecoderIndexTest {
    private static final A64Decoder DECODER = A64Decoder.get();
    private static final List<DecodeRow> ROWS = DECODER.rows();

    private static DecodeRow firstMatch(int insn) {
        for (DecodeRow r : ROWS) {
            if (r.matches(insn)) {
                return r;
            }
        }
        return null;
    }

    @Test
    void aMillionRandomWordsAndEveryRowsPatternDecodeAsTheFirstMatchingRow() {
        SplittableRandom rnd = new SplittableRandom(0x1D3);
        for (DecodeRow r : ROWS) {
            for (int i = 0; i < 256; i++) {
                int w = i == 0 ? r.value() : r.value() | (rnd.nextInt() & ~r.mask());
                assertSame(firstMatch(w), DECODER.row(w), () -> r.name() + " pattern word " + Integer.toHexString(w));
            }
        }
        for (int i = 0; i < 1_000_000; i++) {
            int w = rnd.nextInt();
            assertSame(firstMatch(w), DECODER.row(w), () -> Integer.toHexString(w));
        }
    }

    @Test
    void aReservedFieldValueTakesWordsOutOfTheRow() {
        DecodeRow r = DecodeRow.of("T", "0q001110 zz1 mmmmm 10000 1 nnnnn ddddd", (c, i) -> { }, "g",
                BlockEnd.FALL_THROUGH).reserving("qz", 0b011);
        int q0size3 = 0b0_0_001110_11_1 << 21 | 0b100001 << 10;
        assertSame(false, r.matches(q0size3));
        assertSame(true, r.matches(q0size3 | 1 << 30));
        assertSame(true, r.matches(q0size3 & ~(1 << 22)));
    }
}
