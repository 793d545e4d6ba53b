package org.emu4e.engine.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.emu4e.engine.cpu.a64.decode.DecodeRow;
import org.emu4e.engine.cpu.a64.decode.DecodeTable;
import org.emu4e.engine.cpu.a64.insn.simd.SimdFpGroup;
import org.emu4e.engine.cpu.a64.insn.simdldst.SimdLoadStoreGroup;
import org.junit.jupiter.api.Test;

/** The SIMD&FP rows stay inside their ARM ARM encoding space (C4.1) and have unique names. */
class SimdDecodeTableTest {
    @Test
    void dataProcessingRowsAreInsideOp0X111() {
        check(SimdFpGroup.table(), 0x0E00_0000, 0x0E00_0000);
    }

    @Test
    void loadStoreRowsAreInsideOp0X1X0WithV() {
        check(SimdLoadStoreGroup.table(), 0x0E00_0000 | 1 << 26, 0x0800_0000 | 1 << 26);
    }

    private static void check(DecodeTable t, int mask, int value) {
        Set<String> names = new HashSet<>();
        for (DecodeRow r : t.rows()) {
            assertTrue(names.add(r.name()), "duplicate row " + r.name());
            assertEquals(mask, r.mask() & mask, r.name() + " leaves op0 bits free");
            assertEquals(value, r.value() & mask, r.name() + " outside its encoding space");
        }
    }
}
