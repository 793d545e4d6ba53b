package org.emu4e.engine.board.fdt;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Parses a flattened device tree blob (Devicetree Specification v0.4, chapter 5) back into
 * {@link FdtNode}s, so a user's {@code -dtb} can get the same /chosen entries as a generated
 * tree. Malformed input gives an {@link IllegalArgumentException} with the reason.
 */
public final class FdtReader {
    private static final int FDT_BEGIN_NODE = 1;
    private static final int FDT_END_NODE = 2;
    private static final int FDT_PROP = 3;
    private static final int FDT_NOP = 4;
    private static final int FDT_END = 9;

    /** A parsed blob: the root node, the memory reservations and the boot CPU id. */
    public record Tree(FdtNode root, List<FdtWriter.Reservation> reservations, int bootCpuId) { }

    private FdtReader() { }

    public static Tree parse(byte[] blob) {
        try {
            return read(ByteBuffer.wrap(blob));
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("device tree blob is truncated or has bad offsets");
        }
    }

    private static Tree read(ByteBuffer b) {
        if (b.limit() < 40 || b.getInt(0) != FdtWriter.MAGIC) {
            throw new IllegalArgumentException("not a device tree blob (no 0xd00dfeed magic)");
        }
        int total = b.getInt(4);
        int structOff = b.getInt(8);
        int stringsOff = b.getInt(12);
        int rsvOff = b.getInt(16);
        int version = b.getInt(20);
        int bootCpu = b.getInt(28);
        if (total < 40 || total > b.limit()) {
            throw new IllegalArgumentException("device tree totalsize " + total + " does not match the file (" + b.limit() + ")");
        }
        if (version < 16) {
            throw new IllegalArgumentException("device tree version " + version + " is older than 16");
        }
        b.limit(total);
        List<FdtWriter.Reservation> rsv = new ArrayList<>();
        for (int at = rsvOff;; at += 16) {
            long addr = b.getLong(at);
            long size = b.getLong(at + 8);
            if (addr == 0 && size == 0) {
                break;
            }
            rsv.add(new FdtWriter.Reservation(addr, size));
        }
        b.position(structOff);
        Deque<FdtNode> stack = new ArrayDeque<>();
        FdtNode root = null;
        while (true) {
            int token = b.getInt();
            switch (token) {
                case FDT_BEGIN_NODE -> {
                    String name = cString(b, b.position());
                    b.position(align(b.position() + name.getBytes(StandardCharsets.UTF_8).length + 1));
                    FdtNode n = stack.isEmpty() ? new FdtNode(name) : stack.peek().child(name);
                    if (stack.isEmpty()) {
                        if (root != null) {
                            throw new IllegalArgumentException("device tree has two root nodes");
                        }
                        root = n;
                    }
                    stack.push(n);
                }
                case FDT_PROP -> {
                    int len = b.getInt();
                    int nameOff = b.getInt();
                    if (stack.isEmpty()) {
                        throw new IllegalArgumentException("device tree property outside a node");
                    }
                    if (len < 0 || len > b.remaining()) {
                        throw new IllegalArgumentException("device tree property runs past the blob");
                    }
                    byte[] value = new byte[len];
                    b.get(value);
                    b.position(align(b.position()));
                    stack.peek().bytes(cString(b, stringsOff + nameOff), value);
                }
                case FDT_END_NODE -> {
                    if (stack.isEmpty()) {
                        throw new IllegalArgumentException("device tree closes more nodes than it opens");
                    }
                    stack.pop();
                }
                case FDT_NOP -> { }
                case FDT_END -> {
                    if (root == null || !stack.isEmpty()) {
                        throw new IllegalArgumentException("device tree structure ends inside a node");
                    }
                    return new Tree(root, rsv, bootCpu);
                }
                default -> throw new IllegalArgumentException("bad device tree token 0x" + Integer.toHexString(token));
            }
        }
    }

    private static int align(int pos) { return (pos + 3) & ~3; }

    private static String cString(ByteBuffer b, int at) {
        int end = at;
        while (b.get(end) != 0) {
            end++;
        }
        byte[] s = new byte[end - at];
        b.get(at, s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
