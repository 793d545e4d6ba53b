package org.emu4e.engine.cpu.a64.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The decode table's block-end column ({@link DecodeRow#end}) against the ARM ARM's own
 * classification (C4.1 "Branches, Exception Generating and System instructions") and against
 * the hand-written masks the block builder used before the column existed.
 */
class BlockEndColumnTest {
    private static final A64Decoder DECODER = A64Decoder.get();

    /**
     * C4.1's table for op0 = 0b101x, by its own fields op0 = bits[31:29], op1 = bits[25:12]:
     * conditional branch (immediate), unconditional branch (immediate), compare and test and
     * branch are direct; unconditional branch (register) opc 0..2 (BR, BLR, RET) indirect and
     * opc 4/5 (ERET, DRPS) system; exception generation and system instructions system. Null
     * for encodings C4.1 leaves unallocated; FALL_THROUGH outside the group.
     */
    private static BlockEnd armArm(int insn) {
        if ((insn >>> 26 & 7) != 0b101) {
            return BlockEnd.FALL_THROUGH;
        }
        int op0 = insn >>> 29;
        int op1 = insn >>> 12 & 0x3FFF;
        if ((op0 & 3) == 0b00 || (op0 & 3) == 0b01) {
            return BlockEnd.DIRECT_BRANCH; // B/BL; CBZ/CBNZ/TBZ/TBNZ
        }
        if (op0 == 0b010) {
            return (op1 & 0x2000) == 0 ? BlockEnd.DIRECT_BRANCH : null; // B.cond
        }
        if (op0 == 0b110) {
            if ((op1 & 0x2000) == 0) {
                return BlockEnd.SYSTEM; // exception generation, system instructions
            }
            int opc = insn >>> 21 & 0xF;
            return opc <= 2 ? BlockEnd.INDIRECT_BRANCH : BlockEnd.SYSTEM;
        }
        return null;
    }

    /** The masks tb.BlockEnd used before the decode table had the column. */
    private static BlockEnd legacyMasks(int insn) {
        if ((insn & 0x1C00_0000) != 0x1400_0000) {
            return BlockEnd.FALL_THROUGH;
        }
        if ((insn & 0x7C00_0000) == 0x1400_0000 || (insn & 0x7E00_0000) == 0x3400_0000
                || (insn & 0x7E00_0000) == 0x3600_0000 || (insn & 0xFE00_0000) == 0x5400_0000) {
            return BlockEnd.DIRECT_BRANCH;
        }
        if ((insn & 0xFE00_0000) == 0xD600_0000) {
            return (insn >>> 21 & 0xF) <= 2 ? BlockEnd.INDIRECT_BRANCH : BlockEnd.SYSTEM;
        }
        return BlockEnd.SYSTEM;
    }

    /** What the block builder reads: the row's column, SYSTEM for an unallocated word. */
    private static BlockEnd column(int insn) {
        return DECODER.rowOrUnallocated(insn).end();
    }

    /** Words of {@code r}'s pattern that {@code r} itself decodes: its fixed bits, free bits random. */
    private static int instance(DecodeRow r, SplittableRandom rnd) {
        for (int k = 0; k < 1000; k++) {
            int w = r.value() | (rnd.nextInt() & ~r.mask());
            if (DECODER.row(w) == r) {
                return w;
            }
        }
        return r.value();
    }

    @Test
    void everyRowsColumnIsTheArmArmClassOfItsEncoding() {
        SplittableRandom rnd = new SplittableRandom(16);
        int ending = 0;
        for (DecodeRow r : DECODER.rows()) {
            for (int i = 0; i < 64; i++) {
                int w = i == 0 ? r.value() : instance(r, rnd);
                if (DECODER.row(w) != r) {
                    continue; // a higher-priority row owns this word
                }
                BlockEnd want = armArm(w);
                assertTrue(want != null, r.name() + " decodes a word C4.1 leaves unallocated: " + Integer.toHexString(w));
                assertEquals(want, r.end(), r.name() + " at " + Integer.toHexString(w));
            }
            if (r.end().endsBlock()) {
                ending++;
            }
        }
        // B, BL, B.cond, CBZ, CBNZ, TBZ, TBNZ, BR, BLR, RET and the 20 exception/system rows
        assertEquals(30, ending, "rows that end a block");
    }

    @Test
    void unallocatedWordsEndTheirBlockAsSystem() {
        assertNull(DECODER.row(0x0000_0000)); // UDF #0 (C6.2.388 PERMANENTLY UNDEFINED)
        assertEquals(BlockEnd.SYSTEM, column(0x0000_0000));
        assertEquals(BlockEnd.SYSTEM, A64Decoder.UNALLOCATED_ROW.end());
    }

    /**
     * The column gives what the old masks gave for every word that has a row. The one
     * deliberate difference: a word with no row is unallocated, UNDEFINED by C4.1, and always
     * takes an exception, so it now ends its block as SYSTEM wherever it lies; the masks ended a
     * block at any op0 = 0b101x word (B.cond with o0/o1 set as a direct branch, BRAA-style
     * register forms as indirect) and nowhere else.
     */
    @Test
    void aMillionRandomWordsAndEveryRowsPatternEndAsTheOldMasksSaid() {
        SplittableRandom rnd = new SplittableRandom(0xB10C);
        int[] differ = new int[2];
        for (DecodeRow r : DECODER.rows()) {
            for (int i = 0; i < 64; i++) {
                compare(i == 0 ? r.value() : r.value() | (rnd.nextInt() & ~r.mask()), differ);
            }
        }
        for (int i = 0; i < 1_000_000; i++) {
            compare(rnd.nextInt(), differ);
        }
        System.out.println("[block-end] unallocated words whose end differs from the old masks: "
                + differ[0] + " now end their block (were fall-through), " + differ[1] + " in op0=101x change class");
    }

    private static void compare(int w, int[] differ) {
        BlockEnd now = column(w);
        BlockEnd old = legacyMasks(w);
        if (DECODER.row(w) != null) {
            assertEquals(old, now, () -> DECODER.row(w).name() + " at " + Integer.toHexString(w));
        } else {
            assertEquals(BlockEnd.SYSTEM, now);
            if (old == BlockEnd.FALL_THROUGH) {
                differ[0]++;
            } else if (old != BlockEnd.SYSTEM) {
                differ[1]++;
            }
        }
    }
}
