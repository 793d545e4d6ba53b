package org.emu4e.engine.cpu.a64.jit;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.emu4e.engine.cpu.a64.decode.A64Decoder;
import org.emu4e.engine.cpu.a64.decode.DecodeRow;

/**
 * Which emitter translates which decode row: a map from the decoder's own row objects to
 * {@link RowEmitter}s, built once from what each emitter class declares (its group and the
 * row names it emits). The translator looks an instruction's emitter up by the row its block
 * decoded, so no name is compared at translation time. Building the map fails if a declared
 * name or group has no row in the decode table, or if two emitters claim one row: a renamed
 * row cannot silently fall back to its handler.
 */
final class EmitterTable {
    /**
     * Emitter {@code emitter} for the rows named {@code names} of the decode-table group whose
     * name starts with {@code group} (row names are unique only within a group); null
     * {@code names}: every row of the group.
     */
    record Binding(String owner, String group, Set<String> names, RowEmitter emitter) { }

    private static final List<Binding> BINDINGS = List.of(
            new Binding("BranchEmitter", BranchEmitter.GROUP, BranchEmitter.ROWS,
                    (g, r, insn, i, h) -> BranchEmitter.emit(g, r.name(), insn, i)),
            new Binding("DpImmediateEmitter", DpImmediateEmitter.GROUP, DpImmediateEmitter.ROWS,
                    (g, r, insn, i, h) -> DpImmediateEmitter.emit(g, r.name(), insn, i)),
            new Binding("DpRegisterEmitter", DpRegisterEmitter.GROUP, DpRegisterEmitter.ROWS,
                    (g, r, insn, i, h) -> DpRegisterEmitter.emit(g, r.name(), insn)),
            new Binding("LoadStoreEmitter", LoadStoreEmitter.GROUP, LoadStoreEmitter.ROWS,
                    (g, r, insn, i, h) -> LoadStoreEmitter.emit(g, r.name(), insn, i, h)),
            new Binding("ExclusiveEmitter", ExclusiveEmitter.GROUP, ExclusiveEmitter.ROWS,
                    (g, r, insn, i, h) -> {
                        ExclusiveEmitter.emit(g, r.name(), insn, i, h);
                        return true;
                    }),
            new Binding("SimdLoadStoreEmitter", SimdLoadStoreEmitter.GROUP, SimdLoadStoreEmitter.ROWS,
                    (g, r, insn, i, h) -> SimdLoadStoreEmitter.emit(g, r.name(), insn, i, h)),
            // matches by encoding bits, not by row name, so it takes the whole group
            new Binding("SimdFpEmitter", SimdFpEmitter.GROUP, null,
                    (g, r, insn, i, h) -> SimdFpEmitter.emit(g, insn, i, h)));

    private static final Map<DecodeRow, RowEmitter> TABLE = build(A64Decoder.get().rows(), BINDINGS);

    private EmitterTable() { }

    /** The emitter of {@code row}, or null if its instructions call their handler. */
    static RowEmitter of(DecodeRow row) {
        return TABLE.get(row);
    }

    /** The rows with an emitter, in decode-table order. */
    static List<DecodeRow> translatedRows() {
        List<DecodeRow> out = new ArrayList<>();
        for (DecodeRow r : A64Decoder.get().rows()) {
            if (TABLE.containsKey(r)) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * The row-to-emitter map of {@code rows} (keyed by identity) under {@code bindings}.
     *
     * @throws IllegalStateException if a binding's group or a declared name has no row, or a
     *         row is bound twice
     */
    static Map<DecodeRow, RowEmitter> build(List<DecodeRow> rows, List<Binding> bindings) {
        Map<DecodeRow, RowEmitter> table = new IdentityHashMap<>();
        Map<DecodeRow, String> owners = new IdentityHashMap<>();
        for (Binding b : bindings) {
            Set<String> missing = new LinkedHashSet<>(b.names() == null ? Set.of() : b.names());
            boolean groupSeen = false;
            for (DecodeRow r : rows) {
                if (!r.group().startsWith(b.group())) {
                    continue;
                }
                groupSeen = true;
                if (b.names() != null && !b.names().contains(r.name())) {
                    continue;
                }
                missing.remove(r.name());
                String previous = owners.putIfAbsent(r, b.owner());
                if (previous != null) {
                    throw new IllegalStateException("decode row " + r.name() + " is claimed by both " + previous
                            + " and " + b.owner());
                }
                table.put(r, b.emitter());
            }
            if (!groupSeen) {
                throw new IllegalStateException(b.owner() + " names decode-table group \"" + b.group()
                        + "\", which has no rows");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException(b.owner() + " declares rows " + missing
                        + " that group \"" + b.group() + "\" of the decode table does not have");
            }
        }
        return table;
    }
}
