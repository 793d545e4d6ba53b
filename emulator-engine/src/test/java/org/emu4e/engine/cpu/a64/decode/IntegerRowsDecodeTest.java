package org.emu4e.engine.cpu.a64.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Decode-table checks for the integer-core groups (dpimm, dpreg, branch, ldst): every row is
 * reachable (some encoding of its pattern decodes to it, first match wins), the row names of
 * known encodings, the general load/store rows never claim V=1 (bit 26) encodings, and
 * reserved encodings decode to nothing.
 */
class IntegerRowsDecodeTest {
    private static final String[] GROUPS = {"Data processing -- immediate", "Data processing -- register",
        "Branches (", "Loads and stores, general"};

    private static List<DecodeRow> ours() {
        List<DecodeRow> rows = new ArrayList<>();
        for (DecodeRow r : A64Decoder.get().rows()) {
            for (String g : GROUPS) {
                if (r.group().startsWith(g)) {
                    rows.add(r);
                }
            }
        }
        return rows;
    }

    @Test
    void everyRowIsReachable() {
        A64Decoder d = A64Decoder.get();
        Random rnd = new Random(42);
        List<DecodeRow> rows = ours();
        assertTrue(rows.size() > 200, "rows: " + rows.size());
        List<String> unreachable = new ArrayList<>();
        for (DecodeRow r : rows) {
            boolean hit = d.row(r.value()) == r || d.row(r.value() | ~r.mask()) == r;
            for (int i = 0; i < 2000 && !hit; i++) {
                hit = d.row(r.value() | (rnd.nextInt() & ~r.mask())) == r;
            }
            if (!hit) {
                unreachable.add(r.name() + " " + Integer.toHexString(r.value()));
            }
        }
        assertEquals(List.of(), unreachable);
    }

    @Test
    void generalLoadStoreRowsRequireV0() {
        for (DecodeRow r : ours()) {
            if (r.group().startsWith("Loads and stores, general")) {
                assertEquals(1 << 26, r.mask() & (1 << 26), r.name() + " must fix bit 26");
                assertEquals(0, r.value() & (1 << 26), r.name() + " must have V=0");
            }
        }
    }

    @Test
    void knownEncodingsPickTheRightRow() {
        String[][] cases = {
            {"910003e0", "ADD_imm"}, // mov x0, sp
            {"f100041f", "SUBS_imm"}, // cmp x0, #1
            {"b200c3e0", "ORR_imm_64"}, // mov x0, #0x0101010101010101
            {"d2800020", "MOVZ_64"},
            {"d3441c20", "UBFM_64"}, // ubfx
            {"93c02020", "EXTR_64"}, // ror via extr
            {"aa0103e0", "ORR_shift_64"}, // mov x0, x1
            {"eb01001f", "SUBS_shift_64"}, // cmp x0, x1
            {"8b2163e0", "ADD_ext"}, // add x0, sp, x1
            {"9a9f17e0", "CSINC"}, // cset x0, eq
            {"fa41a804", "CCMP_imm"},
            {"1ac20820", "UDIV"},
            {"9ac14c00", "CRC32X"},
            {"9b027c20", "MADD"}, // mul
            {"9bc27c20", "UMULH"},
            {"dac01020", "CLZ"},
            {"14000000", "B"},
            {"54000040", "B_cond"},
            {"b4000040", "CBZ"},
            {"37f80040", "TBNZ"},
            {"d65f03c0", "RET"},
            {"d63f0020", "BLR"},
            {"f9400020", "LDR_64_uimm"},
            {"f8408c20", "LDR_64_pre"},
            {"b8804420", "LDRSW_post"},
            {"39c00020", "LDRSB_32_uimm"},
            {"f8616820", "LDR_64_reg"},
            {"f8400020", "LDR_64_unscaled"},
            {"f8400820", "LDR_64_unpriv"},
            {"58000040", "LDR_lit_64"},
            {"d8000040", "PRFM_lit"},
            {"f9800020", "PRFM_imm"},
            {"a9400420", "LDP_64_off"},
            {"a9c00420", "LDP_64_pre"},
            {"69400420", "LDPSW_off"},
            {"a8400420", "LDNP_64"},
            {"c85f7c20", "LDXR"},
            {"c8027c20", "STXR"},
            {"c87f0c20", "LDXP"},
            {"c8dffc20", "LDAR"},
            {"089ffc20", "STLR"},
        };
        A64Decoder d = A64Decoder.get();
        for (String[] c : cases) {
            int insn = Integer.parseUnsignedInt(c[0], 16);
            DecodeRow r = d.row(insn);
            assertEquals(c[1], r == null ? null : r.name(), c[0]);
        }
    }

    @Test
    void reservedEncodings() {
        A64Decoder d = A64Decoder.get();
        String[] reserved = {
            "1ac14c00", // CRC32X with sf=0
            "9ac14000", // CRC32B with sf=1
            "5ac00c00", // REV with sf=0, opc=11
            "12400000", // logical immediate, 32-bit with N=1
            "52c00000", // MOVZ 32-bit, hw=2
            "32800000", // move wide opc=01
            "93000000", // SBFM sf=1 N=0
            "13c00000", // EXTR sf=0 N=1
            "8bc00000", // ADD shifted, shift=11
            "8b201400", // ADD extended, imm3=5
            "3a400400", // CCMN with o2 set
            "3a400010", // CCMN with o3 set
            "1a800c00", // CSEL op2=11
            "1b200000", // SMADDL with sf=0
            "d61f0021", // BR with op4 != 0
            "d65f03e1", // RET with op4 != 0
            "b8c00c00", // LDRSW pre-index with opc=11
            "f8800c00", // PRFM pre-index
            "f8600800", // register offset, option=000
            "c8a07c41", // CAS (ARMv8.1)
            "08df7c20", // LDLARB (ARMv8.1 LOR)
            "e8c00000", // pair opc=11
            "68000000", // pair opc=01 L=0 no-allocate
        };
        for (String hex : reserved) {
            assertNull(d.row(Integer.parseUnsignedInt(hex, 16)), hex);
        }
    }
}
