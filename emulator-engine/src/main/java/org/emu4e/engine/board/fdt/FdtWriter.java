package org.emu4e.engine.board.fdt;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Serialises an {@link FdtNode} tree into a flattened device tree blob (Devicetree
 * Specification v0.4, chapter 5): a 40-byte header, the memory reservation block, the
 * structure block and the strings block, version 17 (last compatible 16).
 */
public final class FdtWriter {
    public static final int MAGIC = 0xD00D_FEED;
    private static final int FDT_BEGIN_NODE = 1;
    private static final int FDT_END_NODE = 2;
    private static final int FDT_PROP = 3;
    private static final int FDT_END = 9;
    private static final int HEADER_SIZE = 40;

    /** One memory reservation entry (5.3). */
    public record Reservation(long address, long size) { }

    private final ByteArrayOutputStream struct = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final Map<String, Integer> stringOffsets = new HashMap<>();

    private FdtWriter() { }

    public static byte[] write(FdtNode root, List<Reservation> reserved, int bootCpuId) {
        return new FdtWriter().serialise(root, reserved, bootCpuId, 0);
    }

    /** As {@link #write}, with free space after the strings block up to {@code totalSize} bytes. */
    public static byte[] write(FdtNode root, List<Reservation> reserved, int bootCpuId, int totalSize) {
        return new FdtWriter().serialise(root, reserved, bootCpuId, totalSize);
    }

    private byte[] serialise(FdtNode root, List<Reservation> reserved, int bootCpuId, int totalSize) {
        node(root);
        u32(struct, FDT_END);
        byte[] st = struct.toByteArray();
        byte[] str = strings.toByteArray();
        int rsvOff = HEADER_SIZE; // already 8-aligned
        int rsvSize = (reserved.size() + 1) * 16;
        int structOff = rsvOff + rsvSize;
        int stringsOff = structOff + st.length;
        int total = Math.max(stringsOff + str.length, totalSize);
        ByteBuffer b = ByteBuffer.allocate(total); // big-endian by default
        b.putInt(MAGIC).putInt(total).putInt(structOff).putInt(stringsOff).putInt(rsvOff)
                .putInt(17).putInt(16).putInt(bootCpuId).putInt(str.length).putInt(st.length);
        for (Reservation r : reserved) {
            b.putLong(r.address()).putLong(r.size());
        }
        b.putLong(0).putLong(0);
        b.put(st).put(str);
        return b.array();
    }

    private void node(FdtNode n) {
        u32(struct, FDT_BEGIN_NODE);
        byte[] name = n.name().getBytes(StandardCharsets.UTF_8);
        struct.writeBytes(name);
        struct.write(0);
        pad(struct);
        for (Map.Entry<String, byte[]> p : n.properties().entrySet()) {
            u32(struct, FDT_PROP);
            u32(struct, p.getValue().length);
            u32(struct, stringOffset(p.getKey()));
            struct.writeBytes(p.getValue());
            pad(struct);
        }
        for (FdtNode c : n.children()) {
            node(c);
        }
        u32(struct, FDT_END_NODE);
    }

    private int stringOffset(String s) {
        return stringOffsets.computeIfAbsent(s, k -> {
            int off = strings.size();
            strings.writeBytes(k.getBytes(StandardCharsets.UTF_8));
            strings.write(0);
            return off;
        });
    }

    private static void u32(ByteArrayOutputStream o, int v) {
        o.write(v >>> 24);
        o.write(v >>> 16);
        o.write(v >>> 8);
        o.write(v);
    }

    private static void pad(ByteArrayOutputStream o) {
        while (o.size() % 4 != 0) {
            o.write(0);
        }
    }
}
