package org.emu4e.engine.control.protocol;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.eclipse.lsp4j.jsonrpc.services.JsonDelegate;
import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/**
 * The protocol's methods as read from the annotated interfaces: the single source the
 * {@code initialize} capabilities, the command-line client and the documentation test use.
 */
public final class ProtocolCatalog {
    /** The protocol version this engine speaks; clients must share the major number. */
    public static final String VERSION = "1.0";

    /**
     * One JSON-RPC method.
     *
     * @param name        wire name, e.g. "pmu/halt"
     * @param request     true for a request, false for a notification
     * @param paramsType  the params record, or null when the method takes none
     * @param resultType  the result record (requests), or null
     */
    public record MethodInfo(String name, boolean request, Class<?> paramsType, Class<?> resultType) {
        /** Field names of the params object, in declaration order (empty when none). */
        public List<String> paramNames() {
            return paramsType == null ? List.of() : componentNames(paramsType);
        }

        public List<RecordComponent> params() {
            return paramsType == null || !paramsType.isRecord() ? List.of() : List.of(paramsType.getRecordComponents());
        }
    }

    private static final List<MethodInfo> REQUESTS = collect(ControlService.class, true);
    private static final List<MethodInfo> NOTIFICATIONS = collect(ControlClient.class, false);

    private ProtocolCatalog() {
    }

    public static List<MethodInfo> requests() { return REQUESTS; }

    public static List<MethodInfo> notifications() { return NOTIFICATIONS; }

    public static Optional<MethodInfo> request(String name) {
        return REQUESTS.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public static List<String> names(List<MethodInfo> methods) {
        return methods.stream().map(MethodInfo::name).toList();
    }

    static List<String> componentNames(Class<?> type) {
        if (!type.isRecord()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            names.add(c.getName());
        }
        return names;
    }

    private static List<MethodInfo> collect(Class<?> root, boolean requests) {
        List<MethodInfo> out = new ArrayList<>();
        scan(root, "", requests, out);
        for (Method m : root.getMethods()) {
            if (m.isAnnotationPresent(JsonDelegate.class)) {
                Class<?> segmentType = m.getReturnType();
                JsonSegment seg = segmentType.getAnnotation(JsonSegment.class);
                scan(segmentType, seg == null ? "" : seg.value() + "/", requests, out);
            }
        }
        out.sort(Comparator.comparing(MethodInfo::name));
        return List.copyOf(out);
    }

    private static void scan(Class<?> type, String prefix, boolean requests, List<MethodInfo> out) {
        for (Method m : type.getMethods()) {
            JsonRequest rq = m.getAnnotation(JsonRequest.class);
            JsonNotification nt = m.getAnnotation(JsonNotification.class);
            String value;
            if (requests && rq != null) {
                value = rq.value();
            } else if (!requests && nt != null) {
                value = nt.value();
            } else {
                continue;
            }
            String name = prefix + (value.isEmpty() ? m.getName() : value);
            Class<?> params = m.getParameterCount() == 0 ? null : m.getParameterTypes()[0];
            out.add(new MethodInfo(name, requests, params, requests ? futureValueType(m) : null));
        }
    }

    private static Class<?> futureValueType(Method m) {
        Type t = m.getGenericReturnType();
        if (t instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }
}
