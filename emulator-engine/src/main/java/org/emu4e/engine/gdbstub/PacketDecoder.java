package org.emu4e.engine.gdbstub;

/**
 * Byte-at-a-time receiver state machine. Outside a packet it reports acks ('+', '-') and the
 * interrupt byte 0x03; everything else between packets is ignored (line noise). Inside a
 * packet it collects bytes up to '#', then two checksum digits. A frame longer than
 * {@link #MAX_FRAME} is dropped and reported as bad.
 */
public final class PacketDecoder {
    public static final int MAX_FRAME = 1 << 20;

    /** What a byte completed. */
    public interface Sink {
        void packet(String payload);

        /** Bad checksum, bad escape or oversize: the peer should resend. */
        void badPacket();

        void ack();

        void nack();

        void interrupt();
    }

    private enum St { IDLE, BODY, CS1, CS2 }

    private final Sink sink;
    private final StringBuilder body = new StringBuilder();
    private St st = St.IDLE;
    private int cs;
    private boolean oversize;

    public PacketDecoder(Sink sink) {
        this.sink = sink;
    }

    public void feed(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            feed(b[i] & 0xFF);
        }
    }

    public void feed(int c) {
        switch (st) {
            case IDLE -> {
                switch (c) {
                    case '$' -> {
                        body.setLength(0);
                        oversize = false;
                        st = St.BODY;
                    }
                    case '+' -> sink.ack();
                    case '-' -> sink.nack();
                    case 0x03 -> sink.interrupt();
                    default -> { }
                }
            }
            case BODY -> {
                if (c == '#') {
                    st = St.CS1;
                } else if (c == '$') {
                    // A new start inside a packet: the old one was truncated; start over.
                    body.setLength(0);
                    oversize = false;
                } else if (body.length() < MAX_FRAME) {
                    body.append((char) c);
                } else {
                    oversize = true;
                }
            }
            case CS1 -> {
                cs = Hex.digit(c);
                st = St.CS2;
                if (cs < 0) {
                    cs = -256;
                }
            }
            case CS2 -> {
                st = St.IDLE;
                int d = Hex.digit(c);
                String raw = body.toString();
                body.setLength(0);
                if (oversize || d < 0 || cs < 0 || ((cs << 4) | d) != RspCodec.checksum(raw)) {
                    sink.badPacket();
                    return;
                }
                String payload = RspCodec.decodeBody(raw);
                if (payload == null) {
                    sink.badPacket();
                } else {
                    sink.packet(payload);
                }
            }
        }
    }
}
