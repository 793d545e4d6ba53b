package org.emu4e.engine.cpu.a64.insn.dpimm;

import org.emu4e.engine.cpu.a64.decode.DecodeTable;

/**
 * Decode rows of the ARM ARM group "Data processing -- immediate (C4.1.65)". Reserved
 * encodings have no row (they decode as UNDEFINED); the reserved (N, imms) values of logical
 * immediates, which a bit pattern cannot express, are rejected by the handler.
 */
public final class DpImmediateGroup {
    private DpImmediateGroup() { }

    public static DecodeTable table() {
        DecodeTable t = new DecodeTable("Data processing -- immediate (C4.1.65)");
        // C4.1.65.1 PC-rel. addressing: op immlo 10000 immhi Rd
        t.add("ADR", "0xx10000 xxxxxxxxxxxxxxxxxxx xxxxx", DpImmediate::adr);
        t.add("ADRP", "1xx10000 xxxxxxxxxxxxxxxxxxx xxxxx", DpImmediate::adrp);
        // C4.1.65.2 Add/subtract (immediate): sf op S 100010 sh imm12 Rn Rd
        t.add("ADD_imm", "x00100010 x xxxxxxxxxxxx xxxxx xxxxx", DpImmediate::addImm);
        t.add("ADDS_imm", "x01100010 x xxxxxxxxxxxx xxxxx xxxxx", DpImmediate::addsImm);
        t.add("SUB_imm", "x10100010 x xxxxxxxxxxxx xxxxx xxxxx", DpImmediate::subImm);
        t.add("SUBS_imm", "x11100010 x xxxxxxxxxxxx xxxxx xxxxx", DpImmediate::subsImm);
        // C4.1.65.4 Logical (immediate): sf opc 100100 N immr imms Rn Rd; sf=0 N=1 reserved
        t.add("AND_imm_32", "0 00 100100 0 xxxxxx xxxxxx xxxxx xxxxx", DpImmediate::andImm);
        t.add("ORR_imm_32", "0 01 100100 0 xxxxxx xxxxxx xxxxx xxxxx", DpImmediate::orrImm);
        t.add("EOR_imm_32", "0 10 100100 0 xxxxxx xxxxxx xxxxx xxxxx", DpImmediate::eorImm);
        t.add("ANDS_imm_32", "0 11 100100 0 xxxxxx xxxxxx xxxxx xxxxx", DpImmediate::andsImm);
        t.add("AND_imm_64", "1 00 100100 x xxxxxx xxxxxx xxxxx xxxxx", DpImmediate::andImm);
        t.add("ORR_imm_64", "1 01 100100 x xxxxxx xxxxxx xxxxx xxxxx", DpImmediate::orrImm);
        t.add("EOR_imm_64", "1 10 100100 x xxxxxx xxxxxx xxxxx xxxxx", DpImmediate::eorImm);
        t.add("ANDS_imm_64", "1 11 100100 x xxxxxx xxxxxx xxxxx xxxxx", DpImmediate::andsImm);
        // C4.1.65.5 Move wide (immediate): sf opc 100101 hw imm16 Rd; opc=01 and sf=0 hw=1x reserved
        t.add("MOVN_32", "0 00 100101 0x xxxxxxxxxxxxxxxx xxxxx", DpImmediate::movn);
        t.add("MOVZ_32", "0 10 100101 0x xxxxxxxxxxxxxxxx xxxxx", DpImmediate::movz);
        t.add("MOVK_32", "0 11 100101 0x xxxxxxxxxxxxxxxx xxxxx", DpImmediate::movk);
        t.add("MOVN_64", "1 00 100101 xx xxxxxxxxxxxxxxxx xxxxx", DpImmediate::movn);
        t.add("MOVZ_64", "1 10 100101 xx xxxxxxxxxxxxxxxx xxxxx", DpImmediate::movz);
        t.add("MOVK_64", "1 11 100101 xx xxxxxxxxxxxxxxxx xxxxx", DpImmediate::movk);
        // C4.1.65.6 Bitfield: sf opc 100110 N immr imms Rn Rd; N must equal sf, 32-bit immr/imms < 32
        t.add("SBFM_32", "0 00 100110 0 0xxxxx 0xxxxx xxxxx xxxxx", DpImmediate::sbfm);
        t.add("BFM_32", "0 01 100110 0 0xxxxx 0xxxxx xxxxx xxxxx", DpImmediate::bfm);
        t.add("UBFM_32", "0 10 100110 0 0xxxxx 0xxxxx xxxxx xxxxx", DpImmediate::ubfm);
        t.add("SBFM_64", "1 00 100110 1 xxxxxx xxxxxx xxxxx xxxxx", DpImmediate::sbfm);
        t.add("BFM_64", "1 01 100110 1 xxxxxx xxxxxx xxxxx xxxxx", DpImmediate::bfm);
        t.add("UBFM_64", "1 10 100110 1 xxxxxx xxxxxx xxxxx xxxxx", DpImmediate::ubfm);
        // C4.1.65.7 Extract: sf op21 100111 N o0 Rm imms Rn Rd
        t.add("EXTR_32", "0 00 100111 0 0 xxxxx 0xxxxx xxxxx xxxxx", DpImmediate::extr);
        t.add("EXTR_64", "1 00 100111 1 0 xxxxx xxxxxx xxxxx xxxxx", DpImmediate::extr);
        return t;
    }
}
