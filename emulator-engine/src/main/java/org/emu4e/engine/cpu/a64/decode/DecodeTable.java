package org.emu4e.engine.cpu.a64.decode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The rows of one ARM ARM encoding group, in priority order: the first matching row wins,
 * so a more specific encoding (an alias or a reserved value carved out of a wider one) is
 * added before the row it overrides.
 */
public final class DecodeTable {
    private final String group;
    private final List<DecodeRow> rows = new ArrayList<>();

    public DecodeTable(String group) {
        this.group = group;
    }

    /** Adds a row that does not end a block; see {@link DecodeRow#of} for the pattern syntax. */
    public DecodeTable add(String name, String pattern, Handler handler) {
        return add(name, BlockEnd.FALL_THROUGH, pattern, handler);
    }

    /** Adds a row that ends a block as {@code end} says (branch, exception and system rows). */
    public DecodeTable add(String name, BlockEnd end, String pattern, Handler handler) {
        rows.add(DecodeRow.of(name, pattern, handler, group, end));
        return this;
    }

    /**
     * Takes reserved values out of the row added last: it no longer decodes the words whose
     * {@code letters} fields equal {@code fieldValue} (see {@link DecodeRow#reserving}), so an
     * encoding the ARM ARM leaves unallocated has no row and is UNDEFINED.
     */
    public DecodeTable reserved(String letters, int fieldValue) {
        rows.set(rows.size() - 1, rows.get(rows.size() - 1).reserving(letters, fieldValue));
        return this;
    }

    public String group() { return group; }

    public List<DecodeRow> rows() { return Collections.unmodifiableList(rows); }
}
