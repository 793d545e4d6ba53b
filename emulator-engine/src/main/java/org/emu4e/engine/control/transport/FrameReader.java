package org.emu4e.engine.control.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads LSP base-protocol frames ({@code Content-Length: N\r\n\r\n} + N bytes) with hard
 * limits, so no input can make it allocate more than {@code maxMessageBytes} or loop on a
 * header forever. LSP4J's own reader trusts the peer (any Content-Length, unbounded header
 * lines); this one sits in front of it.
 */
final class FrameReader {
    static final int MAX_HEADER_LINE = 1024;
    static final int MAX_HEADER_LINES = 16;

    /** A header block broke the rules; {@code fatal} means the stream cannot be resynchronised. */
    static final class FramingException extends IOException {
        final boolean fatal;

        FramingException(String message, boolean fatal) {
            super(message);
            this.fatal = fatal;
        }
    }

    private final InputStream in;
    private final int maxMessageBytes;
    private final byte[] line = new byte[MAX_HEADER_LINE];

    FrameReader(InputStream in, int maxMessageBytes) {
        this.in = in;
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * One header block and its body. {@code problem} set and {@code body} null: the block was
     * invalid (its body, if its length was known, has been skipped). Both set: garbage was
     * found in front of a valid header and discarded; the frame itself is good.
     */
    record Frame(byte[] body, String problem) {
    }

    /** The next frame, or null at end of stream (also when a body is cut short). */
    Frame next() throws IOException {
        int contentLength = -1;
        String problem = null;
        String notice = null;
        int lines = 0;
        while (true) {
            int n = readLine();
            if (n == EOF) {
                return null;
            }
            if (n == 0) {
                if (lines == 0) {
                    continue; // blank lines between frames are tolerated
                }
                break;
            }
            lines++;
            if (problem != null) {
                continue;
            }
            if (n == TOO_LONG) {
                problem = "header line longer than " + MAX_HEADER_LINE + " bytes";
                continue;
            }
            if (lines > MAX_HEADER_LINES) {
                problem = "more than " + MAX_HEADER_LINES + " header lines";
                continue;
            }
            String header = new String(line, 0, n, StandardCharsets.ISO_8859_1);
            int start = header.toLowerCase(Locale.ROOT).indexOf("content-length:");
            if (start > 0) {
                // the remains of a broken frame glued to the next header: drop them, keep the frame
                notice = "discarded " + start + " bytes of garbage before a header";
                header = header.substring(start);
                lines = 1;
            }
            int colon = header.indexOf(':');
            if (colon <= 0) {
                problem = "malformed header line (no ':'): " + printable(header);
                continue;
            }
            String key = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            if (key.equals("content-length")) {
                long len = parseLength(value);
                if (len < 0) {
                    problem = "Content-Length is not a decimal number: " + printable(value);
                } else if (len > maxMessageBytes) {
                    throw new FramingException("Content-Length " + len + " exceeds the limit of "
                            + maxMessageBytes + " bytes; closing the connection", true);
                } else {
                    contentLength = (int) len;
                }
            } else if (key.equals("content-type")) {
                int cs = value.toLowerCase(Locale.ROOT).indexOf("charset=");
                if (cs >= 0) {
                    String charset = value.substring(cs + 8).trim().toLowerCase(Locale.ROOT);
                    if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                        problem = "unsupported charset " + printable(charset) + " (only utf-8)";
                    }
                }
            }
        }
        if (problem == null && contentLength < 0) {
            problem = "missing Content-Length header";
        }
        if (problem != null) {
            if (contentLength > 0 && !discard(contentLength)) {
                return null;
            }
            return new Frame(null, problem);
        }
        byte[] body = in.readNBytes(contentLength);
        if (body.length < contentLength) {
            return null;
        }
        return new Frame(body, notice);
    }

    private boolean discard(int count) throws IOException {
        byte[] sink = new byte[Math.min(count, 8192)];
        while (count > 0) {
            int r = in.read(sink, 0, Math.min(count, sink.length));
            if (r < 0) {
                return false;
            }
            count -= r;
        }
        return true;
    }

    private static final int EOF = -1;
    private static final int TOO_LONG = -2;

    /** Reads one line without its CR LF into {@link #line}; returns its length, EOF or TOO_LONG. */
    private int readLine() throws IOException {
        int n = 0;
        boolean tooLong = false;
        while (true) {
            int c = in.read();
            if (c < 0) {
                return EOF;
            }
            if (c == '\n') {
                return tooLong ? TOO_LONG : n;
            }
            if (c == '\r') {
                continue;
            }
            if (n < line.length) {
                line[n++] = (byte) c;
            } else {
                tooLong = true;
            }
        }
    }

    /** Decimal digits only; saturates instead of overflowing; -1 when not a number. */
    private static long parseLength(String v) {
        if (v.isEmpty()) {
            return -1;
        }
        long r = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            r = r < 1_000_000_000_000L ? r * 10 + (c - '0') : r;
        }
        return r;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 60; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return "\"" + b + (s.length() > 60 ? "...\"" : "\"");
    }
}
