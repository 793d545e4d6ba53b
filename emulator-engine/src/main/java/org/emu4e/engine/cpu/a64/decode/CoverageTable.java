package org.emu4e.engine.cpu.a64.decode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The decoder's coverage as a Markdown table, one line per ARM ARM encoding group with the
 * encodings (row names) implemented in it. Generated from {@link A64Decoder#rows()}, so the
 * table in emulator-engine/README.md cannot drift from the code (a test compares them).
 */
public final class CoverageTable {
    private CoverageTable() { }

    public static String markdown(A64Decoder decoder) {
        Map<String, TreeSet<String>> byGroup = new LinkedHashMap<>();
        List<DecodeRow> rows = decoder.rows();
        for (DecodeRow r : rows) {
            byGroup.computeIfAbsent(r.group(), g -> new TreeSet<>()).add(r.name());
        }
        StringBuilder b = new StringBuilder();
        b.append("| ARM ARM encoding group | rows | encodings (decode-table row names) |\n");
        b.append("|---|---:|---|\n");
        for (Map.Entry<String, TreeSet<String>> e : byGroup.entrySet()) {
            long n = rows.stream().filter(r -> r.group().equals(e.getKey())).count();
            b.append("| ").append(e.getKey()).append(" | ").append(n).append(" | ")
                    .append(String.join(", ", e.getValue())).append(" |\n");
        }
        b.append("| **all groups** | ").append(rows.size()).append(" | |\n");
        return b.toString();
    }
}
