package org.emu4e.engine.gdbstub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/** A raw RSP client for protocol tests: sends packets, collects replies and notifications. */
final class RspClient implements AutoCloseable {
    final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    boolean ackMode = true;
    final List<String> notifications = new ArrayList<>();
    final List<String> consoleLines = new ArrayList<>();

    RspClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void sendRaw(byte[] b) throws IOException {
        out.write(b);
        out.flush();
    }

    void send(String payload) throws IOException {
        sendRaw(RspCodec.packet(payload));
    }

    /** Sends a packet and returns the next reply ('$' packet); O packets are collected. */
    String request(String payload) throws IOException {
        send(payload);
        return reply();
    }

    String reply() throws IOException {
        while (true) {
            Frame f = frame();
            if (f.start == '%') {
                notifications.add(f.payload);
                continue;
            }
            if (f.payload.startsWith("O") && f.payload.length() > 1 && !f.payload.equals("OK")) {
                consoleLines.add(Hex.decodeText(f.payload.substring(1)));
                continue;
            }
            return f.payload;
        }
    }

    /** Waits for a %Stop notification. */
    String notification() throws IOException {
        if (!notifications.isEmpty()) {
            return notifications.remove(0);
        }
        Frame f = frame();
        if (f.start != '%') {
            throw new IOException("expected notification, got " + f.payload);
        }
        return f.payload;
    }

    record Frame(char start, String payload) { }

    private Frame frame() throws IOException {
        int c;
        do {
            c = in.read();
            if (c < 0) {
                throw new IOException("eof");
            }
        } while (c != '$' && c != '%');
        char start = (char) c;
        StringBuilder raw = new StringBuilder();
        while ((c = in.read()) != '#') {
            if (c < 0) {
                throw new IOException("eof");
            }
            raw.append((char) c);
        }
        String cs = "" + (char) in.read() + (char) in.read();
        if (Integer.parseInt(cs, 16) != RspCodec.checksum(raw.toString())) {
            throw new IOException("bad checksum from stub");
        }
        if (ackMode && start == '$') {
            sendRaw(new byte[] {'+'});
        }
        return new Frame(start, RspCodec.decodeBody(raw.toString()));
    }

    /** True if nothing arrives within {@code millis}. */
    boolean quiet(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            int c = in.read();
            return c < 0 ? false : false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
