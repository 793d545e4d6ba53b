package org.emu4e.engine.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** A byte-level JSON-RPC client for tests: writes exactly what it is told, reads frames in wire order. */
final class RawClient implements AutoCloseable {
    final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int nextId = 1;
    /** Every message read so far, in wire order. */
    final List<JsonObject> seen = new ArrayList<>();

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void sendBody(String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        sendRaw(("Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        sendRaw(b);
    }

    /** Sends a request; returns its id. */
    int send(String method, String paramsJson) throws IOException {
        int id = nextId++;
        sendBody("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\""
                + (paramsJson == null ? "" : ",\"params\":" + paramsJson) + "}");
        return id;
    }

    /** Reads until the reply with {@code id} (notifications before it stay in {@link #seen}). */
    JsonObject reply(int id) throws IOException {
        while (true) {
            JsonObject m = read();
            if (m == null) {
                throw new IOException("connection closed before reply " + id);
            }
            if (m.has("id") && !m.get("id").isJsonNull() && m.get("id").getAsInt() == id) {
                return m;
            }
        }
    }

    JsonObject call(String method, String paramsJson) throws IOException {
        return reply(send(method, paramsJson));
    }

    /** The next message, or null at end of stream. */
    JsonObject read() throws IOException {
        int length = -1;
        while (true) {
            String line = line();
            if (line == null) {
                return null;
            }
            if (line.isEmpty()) {
                if (length >= 0) {
                    break;
                }
                continue;
            }
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            return null;
        }
        JsonObject m = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
        seen.add(m);
        return m;
    }

    /** True when the server has closed the connection (reads until EOF, discarding). */
    boolean closedByServer() throws IOException {
        try {
            while (read() != null) {
                // drain
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            if (c == '\n') {
                return b.toString(StandardCharsets.US_ASCII);
            }
            if (c != '\r') {
                b.write(c);
            }
        }
    }

    static int errorCode(JsonObject reply) {
        return reply.getAsJsonObject("error").get("code").getAsInt();
    }

    static String errorMessage(JsonObject reply) {
        return reply.getAsJsonObject("error").get("message").getAsString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
