package org.emu4e.engine.cpu.a64.insn.dpreg;

import org.emu4e.engine.cpu.a64.decode.DecodeTable;

/**
 * Decode rows of the ARM ARM group "Data processing -- register (C4.1.68)", ARMv8.0 only.
 * Reserved encodings (shift=11, 32-bit imm6 >= 32, extended imm3 > 4, unallocated opcodes)
 * have no row and decode as UNDEFINED.
 */
public final class DpRegisterGroup {
    private DpRegisterGroup() { }

    public static DecodeTable table() {
        DecodeTable t = new DecodeTable("Data processing -- register (C4.1.68)");
        // C4.1.68.1 Data-processing (2 source): sf 0 S 11010110 Rm opcode Rn Rd
        t.add("UDIV", "x0011010110 xxxxx 000010 xxxxx xxxxx", DpTwoSource::udiv);
        t.add("SDIV", "x0011010110 xxxxx 000011 xxxxx xxxxx", DpTwoSource::sdiv);
        t.add("LSLV", "x0011010110 xxxxx 001000 xxxxx xxxxx", DpTwoSource::lslv);
        t.add("LSRV", "x0011010110 xxxxx 001001 xxxxx xxxxx", DpTwoSource::lsrv);
        t.add("ASRV", "x0011010110 xxxxx 001010 xxxxx xxxxx", DpTwoSource::asrv);
        t.add("RORV", "x0011010110 xxxxx 001011 xxxxx xxxxx", DpTwoSource::rorv);
        t.add("CRC32B", "00011010110 xxxxx 010000 xxxxx xxxxx", DpTwoSource::crc32);
        t.add("CRC32H", "00011010110 xxxxx 010001 xxxxx xxxxx", DpTwoSource::crc32);
        t.add("CRC32W", "00011010110 xxxxx 010010 xxxxx xxxxx", DpTwoSource::crc32);
        t.add("CRC32X", "10011010110 xxxxx 010011 xxxxx xxxxx", DpTwoSource::crc32);
        t.add("CRC32CB", "00011010110 xxxxx 010100 xxxxx xxxxx", DpTwoSource::crc32);
        t.add("CRC32CH", "00011010110 xxxxx 010101 xxxxx xxxxx", DpTwoSource::crc32);
        t.add("CRC32CW", "00011010110 xxxxx 010110 xxxxx xxxxx", DpTwoSource::crc32);
        t.add("CRC32CX", "10011010110 xxxxx 010111 xxxxx xxxxx", DpTwoSource::crc32);
        // C4.1.68.2 Data-processing (1 source): sf 1 S 11010110 opcode2 opcode Rn Rd
        t.add("RBIT", "x1011010110 00000 000000 xxxxx xxxxx", DpOneSource::rbit);
        t.add("REV16", "x1011010110 00000 000001 xxxxx xxxxx", DpOneSource::rev16);
        t.add("REV_32", "01011010110 00000 000010 xxxxx xxxxx", DpOneSource::rev);
        t.add("REV32", "11011010110 00000 000010 xxxxx xxxxx", DpOneSource::rev32);
        t.add("REV_64", "11011010110 00000 000011 xxxxx xxxxx", DpOneSource::rev);
        t.add("CLZ", "x1011010110 00000 000100 xxxxx xxxxx", DpOneSource::clz);
        t.add("CLS", "x1011010110 00000 000101 xxxxx xxxxx", DpOneSource::cls);
        // C4.1.68.3 Logical (shifted register): sf opc 01010 shift N Rm imm6 Rn Rd
        for (int sf = 0; sf < 2; sf++) {
            String f = sf == 0 ? "0" : "1";
            String imm6 = sf == 0 ? "0xxxxx" : "xxxxxx";
            String sfx = sf == 0 ? "_32" : "_64";
            t.add("AND_shift" + sfx, f + "00 01010 xx 0 xxxxx " + imm6 + " xxxxx xxxxx", DpLogical::and);
            t.add("BIC_shift" + sfx, f + "00 01010 xx 1 xxxxx " + imm6 + " xxxxx xxxxx", DpLogical::bic);
            t.add("ORR_shift" + sfx, f + "01 01010 xx 0 xxxxx " + imm6 + " xxxxx xxxxx", DpLogical::orr);
            t.add("ORN_shift" + sfx, f + "01 01010 xx 1 xxxxx " + imm6 + " xxxxx xxxxx", DpLogical::orn);
            t.add("EOR_shift" + sfx, f + "10 01010 xx 0 xxxxx " + imm6 + " xxxxx xxxxx", DpLogical::eor);
            t.add("EON_shift" + sfx, f + "10 01010 xx 1 xxxxx " + imm6 + " xxxxx xxxxx", DpLogical::eon);
            t.add("ANDS_shift" + sfx, f + "11 01010 xx 0 xxxxx " + imm6 + " xxxxx xxxxx", DpLogical::ands);
            t.add("BICS_shift" + sfx, f + "11 01010 xx 1 xxxxx " + imm6 + " xxxxx xxxxx", DpLogical::bics);
            // C4.1.68.4 Add/subtract (shifted register): sf op S 01011 shift 0 ...; shift=11 reserved
            for (String sh : new String[] {"00", "01", "10"}) {
                t.add("ADD_shift" + sfx, f + "00 01011 " + sh + " 0 xxxxx " + imm6 + " xxxxx xxxxx", DpAddSub::addShift);
                t.add("ADDS_shift" + sfx, f + "01 01011 " + sh + " 0 xxxxx " + imm6 + " xxxxx xxxxx", DpAddSub::addsShift);
                t.add("SUB_shift" + sfx, f + "10 01011 " + sh + " 0 xxxxx " + imm6 + " xxxxx xxxxx", DpAddSub::subShift);
                t.add("SUBS_shift" + sfx, f + "11 01011 " + sh + " 0 xxxxx " + imm6 + " xxxxx xxxxx", DpAddSub::subsShift);
            }
        }
        // C4.1.68.5 Add/subtract (extended register): sf op S 01011 00 1 Rm option imm3 Rn Rd; imm3 <= 4
        for (String imm3 : new String[] {"0xx", "100"}) {
            t.add("ADD_ext", "x00 01011 00 1 xxxxx xxx " + imm3 + " xxxxx xxxxx", DpAddSub::addExt);
            t.add("ADDS_ext", "x01 01011 00 1 xxxxx xxx " + imm3 + " xxxxx xxxxx", DpAddSub::addsExt);
            t.add("SUB_ext", "x10 01011 00 1 xxxxx xxx " + imm3 + " xxxxx xxxxx", DpAddSub::subExt);
            t.add("SUBS_ext", "x11 01011 00 1 xxxxx xxx " + imm3 + " xxxxx xxxxx", DpAddSub::subsExt);
        }
        // C4.1.68.6 Add/subtract (with carry): sf op S 11010000 Rm 000000 Rn Rd
        t.add("ADC", "x00 11010000 xxxxx 000000 xxxxx xxxxx", DpAddSub::adc);
        t.add("ADCS", "x01 11010000 xxxxx 000000 xxxxx xxxxx", DpAddSub::adcs);
        t.add("SBC", "x10 11010000 xxxxx 000000 xxxxx xxxxx", DpAddSub::sbc);
        t.add("SBCS", "x11 11010000 xxxxx 000000 xxxxx xxxxx", DpAddSub::sbcs);
        // C4.1.68.9/.10 Conditional compare (register/immediate): sf op 1 11010010 Rm|imm5 cond o1 0 Rn 0 nzcv
        t.add("CCMN_reg", "x01 11010010 xxxxx xxxx 0 0 xxxxx 0 xxxx", DpConditional::ccmnReg);
        t.add("CCMP_reg", "x11 11010010 xxxxx xxxx 0 0 xxxxx 0 xxxx", DpConditional::ccmpReg);
        t.add("CCMN_imm", "x01 11010010 xxxxx xxxx 1 0 xxxxx 0 xxxx", DpConditional::ccmnImm);
        t.add("CCMP_imm", "x11 11010010 xxxxx xxxx 1 0 xxxxx 0 xxxx", DpConditional::ccmpImm);
        // C4.1.68.11 Conditional select: sf op S 11010100 Rm cond op2 Rn Rd
        t.add("CSEL", "x00 11010100 xxxxx xxxx 00 xxxxx xxxxx", DpConditional::csel);
        t.add("CSINC", "x00 11010100 xxxxx xxxx 01 xxxxx xxxxx", DpConditional::csinc);
        t.add("CSINV", "x10 11010100 xxxxx xxxx 00 xxxxx xxxxx", DpConditional::csinv);
        t.add("CSNEG", "x10 11010100 xxxxx xxxx 01 xxxxx xxxxx", DpConditional::csneg);
        // C4.1.68.12 Data-processing (3 source): sf op54 11011 op31 Rm o0 Ra Rn Rd
        t.add("MADD", "x00 11011 000 xxxxx 0 xxxxx xxxxx xxxxx", DpThreeSource::madd);
        t.add("MSUB", "x00 11011 000 xxxxx 1 xxxxx xxxxx xxxxx", DpThreeSource::msub);
        t.add("SMADDL", "100 11011 001 xxxxx 0 xxxxx xxxxx xxxxx", DpThreeSource::smaddl);
        t.add("SMSUBL", "100 11011 001 xxxxx 1 xxxxx xxxxx xxxxx", DpThreeSource::smsubl);
        // SMULH/UMULH: Ra is (1)(1)(1)(1)(1); other values are ignored, as QEMU does.
        t.add("SMULH", "100 11011 010 xxxxx 0 xxxxx xxxxx xxxxx", DpThreeSource::smulh);
        t.add("UMADDL", "100 11011 101 xxxxx 0 xxxxx xxxxx xxxxx", DpThreeSource::umaddl);
        t.add("UMSUBL", "100 11011 101 xxxxx 1 xxxxx xxxxx xxxxx", DpThreeSource::umsubl);
        t.add("UMULH", "100 11011 110 xxxxx 0 xxxxx xxxxx xxxxx", DpThreeSource::umulh);
        return t;
    }
}
