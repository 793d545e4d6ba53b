package org.emu4e.engine.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.emu4e.engine.control.protocol.ControlErrors;
import org.emu4e.engine.control.protocol.ProtocolCatalog;
import org.emu4e.engine.control.protocol.ProtocolCatalog.MethodInfo;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/control-protocol.md and the annotated interfaces in step: every @JsonRequest and
 * @JsonNotification has a section naming each of its params and result fields, every section
 * is a real method, and every error code is listed with its value.
 */
class ControlProtocolDocTest {
    private static final Path DOC = Path.of("docs/control-protocol.md");
    private static final Pattern HEADING = Pattern.compile("(?m)^### `([^`]+)`\\s*$");

    private static Map<String, String> sections() throws Exception {
        String doc = Files.readString(DOC);
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = HEADING.matcher(doc);
        List<int[]> spans = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
            spans.add(new int[] {m.end(), 0});
        }
        for (int i = 0; i < names.size(); i++) {
            int start = spans.get(i)[0];
            int end = doc.indexOf("\n#", start);
            out.put(names.get(i), doc.substring(start, end < 0 ? doc.length() : end));
        }
        return out;
    }

    @Test
    void everyMethodIsDocumentedWithItsParamsAndResult() throws Exception {
        Map<String, String> sections = sections();
        List<MethodInfo> all = new ArrayList<>(ProtocolCatalog.requests());
        all.addAll(ProtocolCatalog.notifications());
        List<String> problems = new ArrayList<>();
        for (MethodInfo m : all) {
            String text = sections.get(m.name());
            if (text == null) {
                problems.add("no section '### `" + m.name() + "`'");
                continue;
            }
            for (String p : m.paramNames()) {
                if (!text.contains("`" + p + "`")) {
                    problems.add(m.name() + ": param `" + p + "` not documented");
                }
            }
            if (m.resultType() != null) {
                for (String field : fields(m.resultType())) {
                    if (!text.contains("`" + field + "`")) {
                        problems.add(m.name() + ": result field `" + field + "` not documented");
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** Field names of a result record, including those of records nested in it (lists and map values too). */
    static Set<String> fields(Class<?> type) {
        Set<String> out = new TreeSet<>();
        collect(type, out, new java.util.HashSet<>());
        return out;
    }

    private static void collect(java.lang.reflect.Type t, Set<String> out, Set<Class<?>> seen) {
        if (t instanceof java.lang.reflect.ParameterizedType p) {
            for (java.lang.reflect.Type a : p.getActualTypeArguments()) {
                collect(a, out, seen);
            }
        } else if (t instanceof Class<?> c && c.isRecord() && seen.add(c)) {
            for (RecordComponent rc : c.getRecordComponents()) {
                out.add(rc.getName());
                collect(rc.getGenericType(), out, seen);
            }
        }
    }

    @Test
    void everyDocumentedMethodExists() throws Exception {
        Set<String> known = new TreeSet<>(ProtocolCatalog.names(ProtocolCatalog.requests()));
        known.addAll(ProtocolCatalog.names(ProtocolCatalog.notifications()));
        Set<String> documented = new TreeSet<>(sections().keySet());
        assertEquals(known, documented);
    }

    @Test
    void everyErrorCodeIsListed() throws Exception {
        String doc = Files.readString(DOC);
        for (Field f : ControlErrors.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                String row = "| " + f.getInt(null) + " | `" + f.getName() + "` |";
                assertTrue(doc.contains(row), "missing error row: " + row);
            }
        }
    }

    @Test
    void thereAreRequestsAndNotificationsInEverySegment() {
        List<String> requests = ProtocolCatalog.names(ProtocolCatalog.requests());
        for (String m : List.of("initialize", "machine/status", "machine/pause", "machine/continue", "machine/reset",
                "machine/shutdown", "vcpu/list", "pmu/halt", "pmu/resume", "pmu/status", "interrupt/inject",
                "uart/write", "gdb/status")) {
            assertTrue(requests.contains(m), m);
        }
        assertEquals(List.of("machine/stateChanged", "uart/output", "vcpu/stateChanged"),
                ProtocolCatalog.names(ProtocolCatalog.notifications()));
    }
}
