package org.emu4e.engine.gdbstub;

import java.nio.charset.StandardCharsets;

/** Hex helpers for the remote serial protocol (GDB manual E.1 "Overview"). */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() { }

    public static int digit(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    public static String encode(byte[] b) {
        return encode(b, 0, b.length);
    }

    public static String encode(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len * 2);
        for (int i = off; i < off + len; i++) {
            sb.append(DIGITS[(b[i] >> 4) & 0xF]).append(DIGITS[b[i] & 0xF]);
        }
        return sb.toString();
    }

    public static String encodeText(String s) {
        return encode(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes pairs of hex digits; throws {@link IllegalArgumentException} on bad input. */
    public static byte[] decode(CharSequence s) {
        if ((s.length() & 1) != 0) {
            throw new IllegalArgumentException("odd hex length");
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = digit(s.charAt(2 * i));
            int lo = digit(s.charAt(2 * i + 1));
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("bad hex digit");
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    public static String decodeText(CharSequence s) {
        return new String(decode(s), StandardCharsets.UTF_8);
    }

    /** Parses an unsigned hex number of at most 16 digits. */
    public static long parseLong(CharSequence s) {
        if (s.length() == 0 || s.length() > 16) {
            throw new IllegalArgumentException("bad hex number");
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = digit(s.charAt(i));
            if (d < 0) {
                throw new IllegalArgumentException("bad hex digit");
            }
            v = v << 4 | d;
        }
        return v;
    }

    public static int parseInt(CharSequence s) {
        long v = parseLong(s);
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("number too large");
        }
        return (int) v;
    }

    /** Hex of a non-negative number without leading zeros. */
    public static String num(long v) {
        return Long.toHexString(v);
    }

    /** Little-endian bytes of {@code v}, {@code size} bytes long. */
    public static byte[] le(long v, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    public static long fromLe(byte[] b, int off, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            v |= (b[off + i] & 0xFFL) << (8 * i);
        }
        return v;
    }
}
