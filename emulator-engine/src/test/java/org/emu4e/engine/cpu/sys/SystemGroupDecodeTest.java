package org.emu4e.engine.cpu.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.emu4e.engine.cpu.a64.decode.A64Decoder;
import org.emu4e.engine.cpu.a64.decode.DecodeRow;
import org.junit.jupiter.api.Test;

/** Which row of the system group decodes an encoding; unallocated encodings match no row. */
class SystemGroupDecodeTest {
    private static String row(int insn) {
        DecodeRow r = A64Decoder.get().row(insn);
        return r == null ? null : r.name();
    }

    @Test
    void eachEncodingPicksItsRow() {
        assertEquals("SVC", row(0xD4000001));
        assertEquals("HVC", row(0xD4000002 | (0x1234 << 5)));
        assertEquals("SMC", row(0xD4000003));
        assertEquals("BRK", row(0xD4200000));
        assertEquals("HLT", row(0xD4400000));
        assertEquals("DCPS3", row(0xD4A00003));
        assertEquals("ERET", row(0xD69F03E0));
        assertEquals("DRPS", row(0xD6BF03E0));
        assertEquals("HINT", row(0xD503201F)); // NOP
        assertEquals("HINT", row(0xD503207F)); // WFI
        assertEquals("HINT", row(0xD5032FFF)); // unallocated hint
        assertEquals("CLREX", row(0xD503305F));
        assertEquals("DSB", row(0xD5033F9F));
        assertEquals("DMB", row(0xD5033BBF));
        assertEquals("ISB", row(0xD5033FDF));
        assertEquals("MSR_imm", row(0xD50342DF)); // msr daifset, #2
        assertEquals("SYS", row(0xD508871F)); // tlbi vmalle1
        assertEquals("SYS", row(0xD50B7420)); // dc zva, x0
        assertEquals("SYSL", row(0xD52B7420));
        assertEquals("MSR_reg", row(0xD5181000)); // msr sctlr_el1, x0
        assertEquals("MRS", row(0xD5380000)); // mrs x0, midr_el1
    }

    @Test
    void unallocatedSystemEncodingsMatchNoRow() {
        assertNull(row(0xD4000000)); // exception generation, LL = 00 with opc = 000
        assertNull(row(0xD4600000)); // opc = 011
        assertNull(row(0xD503201E)); // hint with Rt != 31
        assertNull(row(0xD500201F)); // op0 = 00, CRn = 0010 with op1 = 000
    }
}
