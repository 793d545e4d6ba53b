package org.emu4e.engine.board.fdt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a flattened device tree under construction: a name ("pl011@9000000"), its
 * properties in insertion order and its children. Values are stored big-endian as the
 * Devicetree Specification (v0.4, 2.2.4) requires.
 */
public final class FdtNode {
    private final String name;
    private final Map<String, byte[]> props = new LinkedHashMap<>();
    private final List<FdtNode> children = new ArrayList<>();

    public FdtNode(String name) {
        this.name = name;
    }

    public String name() { return name; }

    public Map<String, byte[]> properties() { return props; }

    public List<FdtNode> children() { return children; }

    /** Adds and returns a child node. */
    public FdtNode child(String childName) {
        FdtNode n = new FdtNode(childName);
        children.add(n);
        return n;
    }

    /** The child called {@code childName}, or null. */
    public FdtNode find(String childName) {
        for (FdtNode c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    /** A property with no value (e.g. {@code interrupt-controller}). */
    public FdtNode empty(String prop) {
        props.put(prop, new byte[0]);
        return this;
    }

    /** A string or string-list property (each string NUL-terminated). */
    public FdtNode strings(String prop, String... values) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String v : values) {
            b.writeBytes(v.getBytes(StandardCharsets.UTF_8));
            b.write(0);
        }
        props.put(prop, b.toByteArray());
        return this;
    }

    /** A property of 32-bit cells. */
    public FdtNode cells(String prop, int... values) {
        byte[] v = new byte[values.length * 4];
        for (int i = 0; i < values.length; i++) {
            putU32(v, i * 4, values[i]);
        }
        props.put(prop, v);
        return this;
    }

    /** A property of 64-bit values, each written as two cells (for #address-cells = 2 pairs). */
    public FdtNode longs(String prop, long... values) {
        byte[] v = new byte[values.length * 8];
        for (int i = 0; i < values.length; i++) {
            putU32(v, i * 8, (int) (values[i] >>> 32));
            putU32(v, i * 8 + 4, (int) values[i]);
        }
        props.put(prop, v);
        return this;
    }

    public FdtNode bytes(String prop, byte[] value) {
        props.put(prop, value.clone());
        return this;
    }

    static void putU32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
