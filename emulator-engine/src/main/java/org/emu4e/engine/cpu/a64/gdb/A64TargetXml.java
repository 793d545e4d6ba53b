package org.emu4e.engine.cpu.a64.gdb;

/**
 * The target description GDB reads with qXfer:features:read:target.xml (GDB manual G
 * "Target Descriptions"): the standard {@code org.gnu.gdb.aarch64.core} and {@code .fpu}
 * features (register names GDB's aarch64 support requires) and {@code org.emu4e.aarch64.sys}
 * with the system registers of {@link A64SysRegs}, in group "system".
 */
public final class A64TargetXml {
    private static final String XML = build();

    private A64TargetXml() { }

    public static String targetXml() { return XML; }

    private static String build() {
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target version=\"1.0\">\n");
        sb.append("<architecture>aarch64</architecture>\n");
        core(sb);
        fpu(sb);
        sys(sb);
        return sb.append("</target>\n").toString();
    }

    private static void core(StringBuilder sb) {
        sb.append("<feature name=\"org.gnu.gdb.aarch64.core\">\n");
        // PSTATE bits as packed into cpsr (SPSR_ELx layout, C5.2.18).
        sb.append("<flags id=\"cpsr_flags\" size=\"4\">\n");
        flag(sb, "SP", 0, 0);
        flag(sb, "EL", 2, 3);
        flag(sb, "nRW", 4, 4);
        flag(sb, "F", 6, 6);
        flag(sb, "I", 7, 7);
        flag(sb, "A", 8, 8);
        flag(sb, "D", 9, 9);
        flag(sb, "IL", 20, 20);
        flag(sb, "SS", 21, 21);
        flag(sb, "PAN", 22, 22);
        flag(sb, "V", 28, 28);
        flag(sb, "C", 29, 29);
        flag(sb, "Z", 30, 30);
        flag(sb, "N", 31, 31);
        sb.append("</flags>\n");
        for (int i = 0; i < 31; i++) {
            reg(sb, "x" + i, 64, "uint64", i, null);
        }
        reg(sb, "sp", 64, "data_ptr", A64Registers.SP, null);
        reg(sb, "pc", 64, "code_ptr", A64Registers.PC, null);
        reg(sb, "cpsr", 32, "cpsr_flags", A64Registers.CPSR, null);
        sb.append("</feature>\n");
    }

    private static void fpu(StringBuilder sb) {
        sb.append("<feature name=\"org.gnu.gdb.aarch64.fpu\">\n");
        sb.append("<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>\n");
        sb.append("<vector id=\"v2u\" type=\"uint64\" count=\"2\"/>\n");
        sb.append("<vector id=\"v2i\" type=\"int64\" count=\"2\"/>\n");
        sb.append("<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>\n");
        sb.append("<vector id=\"v4u\" type=\"uint32\" count=\"4\"/>\n");
        sb.append("<vector id=\"v4i\" type=\"int32\" count=\"4\"/>\n");
        sb.append("<vector id=\"v8u\" type=\"uint16\" count=\"8\"/>\n");
        sb.append("<vector id=\"v8i\" type=\"int16\" count=\"8\"/>\n");
        sb.append("<vector id=\"v16u\" type=\"uint8\" count=\"16\"/>\n");
        sb.append("<vector id=\"v16i\" type=\"int8\" count=\"16\"/>\n");
        sb.append("<vector id=\"v1u\" type=\"uint128\" count=\"1\"/>\n");
        sb.append("<vector id=\"v1i\" type=\"int128\" count=\"1\"/>\n");
        union(sb, "vnd", "f", "v2d", "u", "v2u", "s", "v2i");
        union(sb, "vns", "f", "v4f", "u", "v4u", "s", "v4i");
        union(sb, "vnh", "u", "v8u", "s", "v8i");
        union(sb, "vnb", "u", "v16u", "s", "v16i");
        union(sb, "vnq", "u", "v1u", "s", "v1i");
        union(sb, "aarch64v", "d", "vnd", "s", "vns", "h", "vnh", "b", "vnb", "q", "vnq");
        for (int i = 0; i < 32; i++) {
            reg(sb, "v" + i, 128, "aarch64v", A64Registers.V0 + i, "vector");
        }
        reg(sb, "fpsr", 32, "int", A64Registers.FPSR, "float");
        reg(sb, "fpcr", 32, "int", A64Registers.FPCR, "float");
        sb.append("</feature>\n");
    }

    private static void sys(StringBuilder sb) {
        sb.append("<feature name=\"org.emu4e.aarch64.sys\">\n");
        for (int i = 0; i < A64SysRegs.ROWS.size(); i++) {
            reg(sb, A64SysRegs.ROWS.get(i).name(), 64, "uint64", A64Registers.SYS0 + i, "system");
        }
        sb.append("</feature>\n");
    }

    private static void flag(StringBuilder sb, String name, int start, int end) {
        sb.append("  <field name=\"").append(name).append("\" start=\"").append(start)
                .append("\" end=\"").append(end).append("\"/>\n");
    }

    private static void union(StringBuilder sb, String id, String... fields) {
        sb.append("<union id=\"").append(id).append("\">\n");
        for (int i = 0; i < fields.length; i += 2) {
            sb.append("  <field name=\"").append(fields[i]).append("\" type=\"").append(fields[i + 1]).append("\"/>\n");
        }
        sb.append("</union>\n");
    }

    private static void reg(StringBuilder sb, String name, int bits, String type, int regnum, String group) {
        sb.append("<reg name=\"").append(name).append("\" bitsize=\"").append(bits)
                .append("\" type=\"").append(type).append("\" regnum=\"").append(regnum).append('"');
        if (group != null) {
            sb.append(" group=\"").append(group).append('"');
        }
        sb.append("/>\n");
    }
}
