package org.emu4e.engine.gdbstub;

import java.nio.charset.StandardCharsets;

/**
 * Framing of the GDB remote serial protocol (GDB manual E.1 "Overview"): {@code $data#cs}
 * with a modulo-256 checksum, {@code }}-escaping of {@code $ # } *}, run-length encoding
 * ({@code X*n} repeats X n-29 more times) accepted on input. Payloads are held as ISO-8859-1
 * strings so binary data (X packets, qXfer replies) passes through one byte per char.
 */
public final class RspCodec {
    public static final int ESCAPE = '}';

    private RspCodec() { }

    public static int checksum(String raw) {
        int sum = 0;
        for (int i = 0; i < raw.length(); i++) {
            sum += raw.charAt(i) & 0xFF;
        }
        return sum & 0xFF;
    }

    /** Escapes {@code payload} for the wire (no RLE on output). */
    public static String escape(String payload) {
        StringBuilder sb = new StringBuilder(payload.length() + 8);
        for (int i = 0; i < payload.length(); i++) {
            char c = payload.charAt(i);
            if (c == '$' || c == '#' || c == '}' || c == '*') {
                sb.append('}').append((char) (c ^ 0x20));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A complete frame {@code <start>escaped#cs}; start is '$' for packets, '%' for notifications. */
    public static byte[] frame(char start, String payload) {
        String raw = escape(payload);
        String f = start + raw + '#' + String.format("%02x", checksum(raw));
        return f.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Undoes escaping and run-length encoding of the bytes between '$' and '#'. Returns null
     * for a malformed sequence (dangling escape, RLE without a preceding byte or with a bad count).
     */
    public static String decodeBody(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        int last = -1;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '}') {
                if (++i >= raw.length()) {
                    return null;
                }
                last = raw.charAt(i) ^ 0x20;
                sb.append((char) last);
            } else if (c == '*') {
                if (last < 0 || ++i >= raw.length()) {
                    return null;
                }
                int n = raw.charAt(i) - 29;
                if (n < 0 || n > 126) {
                    return null;
                }
                for (int k = 0; k < n; k++) {
                    sb.append((char) last);
                }
            } else {
                last = c;
                sb.append(c);
            }
        }
        return sb.toString();
    }

    public static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static String latin1(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }

    /** Helper for tests and clients: a packet as GDB would send it. */
    public static byte[] packet(String payload) {
        return frame('$', payload);
    }
}
