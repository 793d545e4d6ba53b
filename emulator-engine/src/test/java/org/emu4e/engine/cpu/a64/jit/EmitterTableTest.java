package org.emu4e.engine.cpu.a64.jit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.emu4e.engine.cpu.a64.decode.A64Decoder;
import org.emu4e.engine.cpu.a64.decode.DecodeRow;
import org.junit.jupiter.api.Test;

/**
 * The translator finds emitters by decode row: every row name an emitter declares exists in
 * the decode table (else the table refuses to build), and the rows translated inline are
 * listed in target/translated-rows.md.
 */
class EmitterTableTest {
    private static final A64Decoder DECODER = A64Decoder.get();
    private static final RowEmitter NONE = (g, r, insn, i, h) -> false;

    @Test
    void everyDeclaredRowIsInTheDecodeTable() {
        List<Map.Entry<String, Set<String>>> declared = List.of(
                Map.entry(BranchEmitter.GROUP, BranchEmitter.ROWS),
                Map.entry(DpImmediateEmitter.GROUP, DpImmediateEmitter.ROWS),
                Map.entry(DpRegisterEmitter.GROUP, DpRegisterEmitter.ROWS),
                Map.entry(LoadStoreEmitter.GROUP, LoadStoreEmitter.ROWS),
                Map.entry(ExclusiveEmitter.GROUP, ExclusiveEmitter.ROWS),
                Map.entry(SimdLoadStoreEmitter.GROUP, SimdLoadStoreEmitter.ROWS));
        List<DecodeRow> translated = EmitterTable.translatedRows();
        for (Map.Entry<String, Set<String>> e : declared) {
            String group = e.getKey();
            for (String name : e.getValue()) {
                assertTrue(translated.stream().anyMatch(r -> r.group().startsWith(group) && r.name().equals(name)),
                        name + " (" + group + ") has no translated decode row");
            }
        }
        assertTrue(translated.stream().anyMatch(r -> r.group().startsWith(SimdFpEmitter.GROUP)));
    }

    @Test
    void instructionsFindTheirEmitterThroughTheirRow() {
        assertNotNull(EmitterTable.of(DECODER.row(0x9100_0420))); // ADD X0, X1, #1
        assertNotNull(EmitterTable.of(DECODER.row(0xF940_0020))); // LDR X0, [X1]
        assertNotNull(EmitterTable.of(DECODER.row(0xC85F_7C20))); // LDXR X0, [X1]
        assertNotNull(EmitterTable.of(DECODER.row(0x1400_0001))); // B .+4
        assertNull(EmitterTable.of(DECODER.row(0x9A02_0020))); // ADC X0, X1, X2: its handler
        assertNull(EmitterTable.of(A64Decoder.UNALLOCATED_ROW));
    }

    @Test
    void aRenamedRowFailsTheBuild() {
        List<DecodeRow> rows = new ArrayList<>();
        for (DecodeRow r : DECODER.rows()) {
            rows.add(r.name().equals("CSINC") && r.group().startsWith(DpRegisterEmitter.GROUP)
                    ? new DecodeRow("CSINC_renamed", r.mask(), r.value(), r.handler(), r.group(), r.end(), r.pattern(),
                            new int[0])
                    : r);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EmitterTable.build(rows,
                List.of(new EmitterTable.Binding("DpRegisterEmitter", DpRegisterEmitter.GROUP, DpRegisterEmitter.ROWS,
                        NONE))));
        assertTrue(e.getMessage().contains("[CSINC]"), e.getMessage());
    }

    @Test
    void aMissingGroupOrADoubleClaimFailsTheBuild() {
        List<DecodeRow> rows = DECODER.rows();
        assertThrows(IllegalStateException.class, () -> EmitterTable.build(rows,
                List.of(new EmitterTable.Binding("X", "No such group", null, NONE))));
        assertThrows(IllegalStateException.class, () -> EmitterTable.build(rows,
                List.of(new EmitterTable.Binding("A", BranchEmitter.GROUP, Set.of("B"), NONE),
                        new EmitterTable.Binding("B", BranchEmitter.GROUP, null, NONE))));
        assertFalse(EmitterTable.build(rows, List.of(new EmitterTable.Binding("A", BranchEmitter.GROUP,
                Set.of("B"), NONE))).isEmpty());
    }

    /** Writes the rows translated inline, per group, to target/translated-rows.md. */
    @Test
    void recordsTheTranslatedRows() throws IOException {
        Map<String, TreeSet<String>> byGroup = new LinkedHashMap<>();
        Map<String, Integer> all = new LinkedHashMap<>();
        for (DecodeRow r : DECODER.rows()) {
            all.merge(r.group(), 1, Integer::sum);
            byGroup.computeIfAbsent(r.group(), k -> new TreeSet<>());
        }
        List<DecodeRow> translated = EmitterTable.translatedRows();
        for (DecodeRow r : translated) {
            byGroup.get(r.group()).add(r.name());
        }
        StringBuilder b = new StringBuilder("| ARM ARM encoding group | rows | translated inline | translated rows |\n");
        b.append("|---|---:|---:|---|\n");
        for (Map.Entry<String, TreeSet<String>> e : byGroup.entrySet()) {
            long n = translated.stream().filter(r -> r.group().equals(e.getKey())).count();
            b.append("| ").append(e.getKey()).append(" | ").append(all.get(e.getKey())).append(" | ").append(n)
                    .append(" | ").append(String.join(", ", e.getValue())).append(" |\n");
        }
        Path out = Path.of("target", "translated-rows.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, b);
        System.out.print(b);
        assertFalse(translated.isEmpty());
    }
}
