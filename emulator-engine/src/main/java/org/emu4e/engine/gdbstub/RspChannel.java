package org.emu4e.engine.gdbstub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client connection: a reader thread that turns bytes into {@link SessionEvent}s on the
 * session's queue, and synchronized packet output with the ack protocol (every packet is
 * acknowledged with '+' or '-' until QStartNoAckMode; a '-' makes us resend the last packet).
 */
final class RspChannel implements PacketDecoder.Sink {
    private static final Logger LOG = Logger.getLogger(RspChannel.class.getName());

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<SessionEvent> events;
    private final PacketDecoder decoder = new PacketDecoder(this);
    private volatile boolean ackMode = true;
    private byte[] lastPacket;
    private Thread reader;

    RspChannel(Socket socket, BlockingQueue<SessionEvent> events) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.events = events;
        socket.setTcpNoDelay(true);
    }

    void start(String name) {
        reader = new Thread(this::readLoop, name);
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        byte[] buf = new byte[8192];
        try (InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                decoder.feed(buf, 0, n);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "gdb connection read ended", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "gdb connection reader failed", e);
        }
        events.add(SessionEvent.DISCONNECTED);
    }

    void setAckMode(boolean on) { ackMode = on; }

    boolean ackMode() { return ackMode; }

    /** Sends a '$' packet (a reply). */
    synchronized void send(String payload) {
        byte[] f = RspCodec.frame('$', payload);
        lastPacket = f;
        write(f);
    }

    /** Sends a '%' notification (never acknowledged). */
    synchronized void notify(String payload) {
        write(RspCodec.frame('%', payload));
    }

    private synchronized void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            LOG.log(Level.FINE, "gdb connection write failed", e);
            close();
        }
    }

    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "close", e);
        }
    }

    // ---- PacketDecoder.Sink, on the reader thread ---------------------------------------

    @Override
    public void packet(String payload) {
        if (ackMode) {
            write(new byte[] {'+'});
        }
        events.add(new SessionEvent.Packet(payload));
    }

    @Override
    public void badPacket() {
        if (ackMode) {
            write(new byte[] {'-'});
        }
    }

    @Override
    public void ack() { }

    @Override
    public synchronized void nack() {
        if (ackMode && lastPacket != null) {
            write(lastPacket);
        }
    }

    @Override
    public void interrupt() {
        events.add(SessionEvent.INTERRUPT);
    }
}
