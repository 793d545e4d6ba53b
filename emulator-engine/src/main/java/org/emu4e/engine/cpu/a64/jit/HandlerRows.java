package org.emu4e.engine.cpu.a64.jit;

import java.util.Map;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Diagnostic switch: with {@code -Demu4e.jit.handlerRows=true} the translator counts, per
 * decode row, the instructions of translated blocks it left to their interpreter handler
 * (counted once per translation; loads and stores whose slow path alone calls the handler are
 * not counted). {@code --stats} prints the counts, most frequent first, so the rows worth an
 * emitter show up. Off by default.
 */
public final class HandlerRows {
    /** System property that switches the counting on. */
    static final String PROPERTY = "emu4e.jit.handlerRows";
    private static final boolean ON = Boolean.getBoolean(PROPERTY);
    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();

    private HandlerRows() { }

    /** Instruction {@code insn} of row {@code row} (null: no row) was translated as a handler call. */
    static void count(String row, int insn) {
        if (ON) {
            String key = row != null ? row : String.format("undecoded 0x%08x", insn);
            COUNTS.computeIfAbsent(key, k -> new LongAdder()).increment();
        }
    }

    /** "row count; ..." most frequent first, or an empty string when the switch is off or nothing was counted. */
    public static String summary() {
        return COUNTS.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> e.getValue().sum()).reversed())
                .map(e -> e.getKey() + " " + e.getValue().sum())
                .collect(Collectors.joining("; "));
    }
}
