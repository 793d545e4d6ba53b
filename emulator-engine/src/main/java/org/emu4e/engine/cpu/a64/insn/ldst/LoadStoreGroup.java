package org.emu4e.engine.cpu.a64.insn.ldst;

import org.emu4e.engine.cpu.a64.decode.DecodeTable;

/**
 * Decode rows of the ARM ARM group "Loads and stores, general registers (C4.1.67)", V=0 only
 * (the SIMD&amp;FP forms, bit 26 = 1, are the SIMD load/store group's). ARMv8.0: no LSE atomics,
 * no CAS/CASP, no LDAPR, no LDLAR/STLLR; those encodings have no row and are UNDEFINED.
 */
public final class LoadStoreGroup {
    private LoadStoreGroup() { }

    /** Allocated (size, opc) pairs of the single-register forms: name, size, opc. */
    private static final String[][] SINGLE = {
        {"STRB", "00", "00"}, {"LDRB", "00", "01"}, {"LDRSB_64", "00", "10"}, {"LDRSB_32", "00", "11"},
        {"STRH", "01", "00"}, {"LDRH", "01", "01"}, {"LDRSH_64", "01", "10"}, {"LDRSH_32", "01", "11"},
        {"STR_32", "10", "00"}, {"LDR_32", "10", "01"}, {"LDRSW", "10", "10"},
        {"STR_64", "11", "00"}, {"LDR_64", "11", "01"},
    };

    public static DecodeTable table() {
        DecodeTable t = new DecodeTable("Loads and stores, general registers (C4.1.67)");
        // C4.1.67.1 Load/store exclusive: size 001000 o2 L o1 Rs o0 Rt2 Rn Rt (Rs/Rt2 of the
        // forms that do not use them are ignored, as QEMU does)
        t.add("STXR", "xx 001000 0 0 0 xxxxx 0 xxxxx xxxxx xxxxx", Exclusive::stxr);
        t.add("STLXR", "xx 001000 0 0 0 xxxxx 1 xxxxx xxxxx xxxxx", Exclusive::stxr);
        t.add("LDXR", "xx 001000 0 1 0 xxxxx 0 xxxxx xxxxx xxxxx", Exclusive::ldxr);
        t.add("LDAXR", "xx 001000 0 1 0 xxxxx 1 xxxxx xxxxx xxxxx", Exclusive::ldxr);
        t.add("STXP", "1x 001000 0 0 1 xxxxx 0 xxxxx xxxxx xxxxx", Exclusive::stxp);
        t.add("STLXP", "1x 001000 0 0 1 xxxxx 1 xxxxx xxxxx xxxxx", Exclusive::stxp);
        t.add("LDXP", "1x 001000 0 1 1 xxxxx 0 xxxxx xxxxx xxxxx", Exclusive::ldxp);
        t.add("LDAXP", "1x 001000 0 1 1 xxxxx 1 xxxxx xxxxx xxxxx", Exclusive::ldxp);
        t.add("STLR", "xx 001000 1 0 0 xxxxx 1 xxxxx xxxxx xxxxx", Exclusive::stlr);
        t.add("LDAR", "xx 001000 1 1 0 xxxxx 1 xxxxx xxxxx xxxxx", Exclusive::ldar);
        // C4.1.67.2 Load register (literal): opc 011 0 00 imm19 Rt
        t.add("LDR_lit_32", "00 011 0 00 xxxxxxxxxxxxxxxxxxx xxxxx", LoadLiteral::ldr32);
        t.add("LDR_lit_64", "01 011 0 00 xxxxxxxxxxxxxxxxxxx xxxxx", LoadLiteral::ldr64);
        t.add("LDRSW_lit", "10 011 0 00 xxxxxxxxxxxxxxxxxxx xxxxx", LoadLiteral::ldrsw);
        t.add("PRFM_lit", "11 011 0 00 xxxxxxxxxxxxxxxxxxx xxxxx", LoadStoreGroup::prefetch);
        // C4.1.67.3-6 Load/store pair: opc 101 0 mode L imm7 Rt2 Rn Rt
        // mode 000 no-allocate offset, 001 post-index, 010 signed offset, 011 pre-index
        t.add("STNP_32", "00 101 0 000 0 xxxxxxx xxxxx xxxxx xxxxx", Pair::offset);
        t.add("LDNP_32", "00 101 0 000 1 xxxxxxx xxxxx xxxxx xxxxx", Pair::offset);
        t.add("STNP_64", "10 101 0 000 0 xxxxxxx xxxxx xxxxx xxxxx", Pair::offset);
        t.add("LDNP_64", "10 101 0 000 1 xxxxxxx xxxxx xxxxx xxxxx", Pair::offset);
        String[][] pairModes = {{"post", "001"}, {"off", "010"}, {"pre", "011"}};
        for (String[] m : pairModes) {
            var h = m[0].equals("post") ? (org.emu4e.engine.cpu.a64.decode.Handler) Pair::postIndex
                    : m[0].equals("pre") ? (org.emu4e.engine.cpu.a64.decode.Handler) Pair::preIndex
                    : (org.emu4e.engine.cpu.a64.decode.Handler) Pair::offset;
            t.add("STP_32_" + m[0], "00 101 0 " + m[1] + " 0 xxxxxxx xxxxx xxxxx xxxxx", h);
            t.add("LDP_32_" + m[0], "00 101 0 " + m[1] + " 1 xxxxxxx xxxxx xxxxx xxxxx", h);
            t.add("LDPSW_" + m[0], "01 101 0 " + m[1] + " 1 xxxxxxx xxxxx xxxxx xxxxx", h);
            t.add("STP_64_" + m[0], "10 101 0 " + m[1] + " 0 xxxxxxx xxxxx xxxxx xxxxx", h);
            t.add("LDP_64_" + m[0], "10 101 0 " + m[1] + " 1 xxxxxxx xxxxx xxxxx xxxxx", h);
        }
        // C4.1.67.7-11 Load/store register: size 111 0 00 opc 0 imm9 mode Rn Rt (mode 00 unscaled,
        // 01 post-index, 10 unprivileged, 11 pre-index); 1 Rm option S 10 register offset;
        // size 111 0 01 opc imm12 unsigned offset
        for (String[] r : SINGLE) {
            String head = r[1] + " 111 0 ";
            String opc = r[2];
            t.add(r[0] + "_uimm", head + "01 " + opc + " xxxxxxxxxxxx xxxxx xxxxx", Single::unsignedOffset);
            t.add(r[0] + "_unscaled", head + "00 " + opc + " 0 xxxxxxxxx 00 xxxxx xxxxx", Single::unscaled);
            t.add(r[0] + "_post", head + "00 " + opc + " 0 xxxxxxxxx 01 xxxxx xxxxx", Single::postIndex);
            t.add(r[0] + "_unpriv", head + "00 " + opc + " 0 xxxxxxxxx 10 xxxxx xxxxx", Single::unprivileged);
            t.add(r[0] + "_pre", head + "00 " + opc + " 0 xxxxxxxxx 11 xxxxx xxxxx", Single::preIndex);
            t.add(r[0] + "_reg", head + "00 " + opc + " 1 xxxxx x1x x 10 xxxxx xxxxx", Single::registerOffset);
        }
        // PRFM (immediate, register) and PRFUM: size=11 opc=10; hints, executed as no-ops
        t.add("PRFM_imm", "11 111 0 01 10 xxxxxxxxxxxx xxxxx xxxxx", LoadStoreGroup::prefetch);
        t.add("PRFUM", "11 111 0 00 10 0 xxxxxxxxx 00 xxxxx xxxxx", LoadStoreGroup::prefetch);
        t.add("PRFM_reg", "11 111 0 00 10 1 xxxxx x1x x 10 xxxxx xxxxx", LoadStoreGroup::prefetch);
        return t;
    }

    /** PRFM/PRFUM: a hint with no architectural effect (and never a fault). */
    static void prefetch(org.emu4e.engine.cpu.a64.A64Cpu cpu, int insn) {
    }
}
