package org.emu4e.engine.control.client;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;

import org.emu4e.engine.control.protocol.ProtocolCatalog;
import org.emu4e.engine.control.protocol.ProtocolCatalog.MethodInfo;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * Turns command-line words into a params object using the method's params record: positional
 * values in declaration order ({@code pmu/halt 2}), {@code name=value} pairs, or one JSON
 * object ({@code '{"cpu":2}'}).
 */
final class CtlArgs {
    private CtlArgs() {
    }

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static JsonObject params(String method, List<String> words) throws UsageException {
        if (words.size() == 1 && words.get(0).trim().startsWith("{")) {
            try {
                return JsonParser.parseString(words.get(0)).getAsJsonObject();
            } catch (JsonParseException | IllegalStateException e) {
                throw new UsageException("not a JSON object: " + words.get(0));
            }
        }
        Optional<MethodInfo> info = ProtocolCatalog.request(method);
        if (info.isEmpty()) {
            if (words.isEmpty()) {
                return null;
            }
            throw new UsageException("unknown method '" + method + "'; try --list");
        }
        List<RecordComponent> params = info.get().params();
        if (words.isEmpty()) {
            return params.isEmpty() ? null : new JsonObject();
        }
        JsonObject o = new JsonObject();
        int position = 0;
        for (String w : words) {
            int eq = w.indexOf('=');
            RecordComponent target = null;
            String value = w;
            if (eq > 0) {
                String name = w.substring(0, eq);
                target = params.stream().filter(p -> p.getName().equals(name)).findFirst()
                        .orElseThrow(() -> new UsageException(method + " has no param '" + name + "'; params: "
                                + info.get().paramNames()));
                value = w.substring(eq + 1);
            } else {
                if (position >= params.size()) {
                    throw new UsageException(method + " takes " + (params.isEmpty() ? "no params" : "params "
                            + info.get().paramNames()) + "; extra argument: " + w);
                }
                target = params.get(position++);
            }
            o.add(target.getName(), convert(method, target, value));
        }
        return o;
    }

    private static JsonElement convert(String method, RecordComponent p, String value) throws UsageException {
        Class<?> t = p.getType();
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            try {
                String v = value.trim();
                long n = v.startsWith("0x") || v.startsWith("0X") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
                return new JsonPrimitive(n);
            } catch (NumberFormatException e) {
                throw new UsageException(method + ": '" + p.getName() + "' must be a number, was: " + value);
            }
        }
        if (t == Boolean.class || t == boolean.class) {
            switch (value.trim().toLowerCase()) {
                case "true", "1", "on", "high" -> {
                    return new JsonPrimitive(true);
                }
                case "false", "0", "off", "low" -> {
                    return new JsonPrimitive(false);
                }
                default -> throw new UsageException(method + ": '" + p.getName() + "' must be true or false, was: " + value);
            }
        }
        if (t == String.class) {
            return new JsonPrimitive(value);
        }
        try {
            return JsonParser.parseString(value);
        } catch (JsonParseException e) {
            throw new UsageException(method + ": '" + p.getName() + "' must be JSON, was: " + value);
        }
    }
}
