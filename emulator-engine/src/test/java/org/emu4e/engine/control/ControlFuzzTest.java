package org.emu4e.engine.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.control.protocol.ControlErrors;
import org.emu4e.engine.control.server.ControlAddress;
import org.emu4e.engine.control.server.ControlServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

/** Malformed input of every kind: the server answers with errors or closes that one connection, and keeps serving. */
class ControlFuzzTest {
    private Machine machine;
    private ControlTestBoard board;
    private ControlServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        TestMachines.Running r = TestMachines.fourCpus();
        machine = r.machine();
        board = r.board();
        server = new ControlServer(machine);
        port = server.listen(ControlAddress.parse("tcp:127.0.0.1:0")).getPort();
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
        machine.shutdown();
        ThreadLeakCheck.assertNoControlThreads();
    }

    private void assertServerAnswers() throws IOException {
        try (RawClient c = new RawClient(port)) {
            assertEquals(4, c.call("vcpu/list", null).getAsJsonObject("result").getAsJsonArray("vcpus").size());
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void malformedJsonGetsParseErrorWithNullIdAndTheConnectionSurvives() throws Exception {
        try (RawClient c = new RawClient(port)) {
            c.sendBody("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":");
            JsonObject r = c.read();
            assertEquals(ControlErrors.PARSE_ERROR, RawClient.errorCode(r));
            assertTrue(r.get("id").isJsonNull());
            c.sendBody("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"vcpu/list\"}]");
            assertEquals(ControlErrors.INVALID_REQUEST, RawClient.errorCode(c.read()));
            c.sendBody("42");
            assertEquals(ControlErrors.INVALID_REQUEST, RawClient.errorCode(c.read()));
            c.sendBody("{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"vcpu/list\"}");
            assertEquals(ControlErrors.INVALID_REQUEST, RawClient.errorCode(c.read()));
            c.sendBody("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":17}");
            assertEquals(ControlErrors.INVALID_REQUEST, RawClient.errorCode(c.read()));
            c.sendBody("{\"jsonrpc\":\"2.0\",\"id\":6}");
            assertEquals(ControlErrors.INVALID_REQUEST, RawClient.errorCode(c.read()));
            c.sendBody("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"vcpu/list\"} trailing");
            assertEquals(ControlErrors.PARSE_ERROR, RawClient.errorCode(c.read()));
            assertEquals(4, c.call("vcpu/list", null).getAsJsonObject("result").getAsJsonArray("vcpus").size());
        }
        assertServerAnswers();
    }

    @Test
    void badHeadersAreAnsweredAndSkipped() throws Exception {
        try (RawClient c = new RawClient(port)) {
            c.sendRaw(ascii("Content-Type: application/json\r\n\r\n"));
            assertEquals(ControlErrors.FRAMING_ERROR, RawClient.errorCode(c.read()));
            c.sendRaw(ascii("Content-Length: twelve\r\n\r\n"));
            assertEquals(ControlErrors.FRAMING_ERROR, RawClient.errorCode(c.read()));
            c.sendRaw(ascii("this is not a header\r\n\r\n"));
            assertEquals(ControlErrors.FRAMING_ERROR, RawClient.errorCode(c.read()));
            c.sendRaw(ascii("X-Long: " + "a".repeat(5000) + "\r\n\r\n"));
            assertTrue(RawClient.errorMessage(c.read()).contains("longer"));
            c.sendRaw(ascii("Content-Length: 2\r\nContent-Type: text/json; charset=latin1\r\n\r\n{}"));
            assertEquals(ControlErrors.FRAMING_ERROR, RawClient.errorCode(c.read()));
            assertEquals(4, c.call("vcpu/list", null).getAsJsonObject("result").getAsJsonArray("vcpus").size());
        }
        assertServerAnswers();
    }

    @Test
    void hugeContentLengthClosesThatConnectionOnly() throws Exception {
        try (RawClient c = new RawClient(port)) {
            c.sendRaw(ascii("Content-Length: 99999999999999999999\r\n\r\n{"));
            JsonObject r = c.read();
            assertEquals(ControlErrors.FRAMING_ERROR, RawClient.errorCode(r));
            assertTrue(RawClient.errorMessage(r).contains("exceeds"));
            assertTrue(c.closedByServer());
        }
        try (RawClient c = new RawClient(port)) {
            c.sendRaw(ascii("Content-Length: 2000000000\r\n\r\n{\"jsonrpc\":\"2.0\"}"));
            assertEquals(ControlErrors.FRAMING_ERROR, RawClient.errorCode(c.read()));
            assertTrue(c.closedByServer());
        }
        assertServerAnswers();
    }

    @Test
    void truncatedBodiesAndMidMessageDisconnects() throws Exception {
        for (int cut = 1; cut < 40; cut += 3) {
            RawClient c = new RawClient(port);
            String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"pmu/halt\",\"params\":{\"cpu\":1}}";
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            c.sendRaw(ascii("Content-Length: " + b.length + "\r\n\r\n"));
            c.sendRaw(java.util.Arrays.copyOf(b, Math.min(cut, b.length)));
            c.close();
        }
        try (RawClient c = new RawClient(port)) {
            // a body shorter than announced swallows the next frame's start; the stream must resync
            c.sendRaw(ascii("Content-Length: 30\r\n\r\n{\"jsonrpc\":\"2.0\"}"));
            c.sendBody("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"vcpu/list\"}");
            c.sendBody("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"vcpu/list\"}");
            c.sendBody("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"vcpu/list\"}");
            JsonObject r = c.reply(3);
            assertTrue(r.has("result"));
        }
        assertServerAnswers();
        assertEquals(0, machine.vcpus().stream().filter(v -> machine.pmu().isHaltAsserted(v.index()))
                .filter(v -> v.index() != 1).count());
    }

    @Test
    void randomBytesNeverWedgeTheServer() throws Exception {
        Random rnd = new Random(0xE4E);
        for (int round = 0; round < 40; round++) {
            try (RawClient c = new RawClient(port)) {
                c.socket.setSoTimeout(200);
                int kind = round % 4;
                byte[] junk = new byte[1 + rnd.nextInt(kind == 0 ? 20_000 : 600)];
                rnd.nextBytes(junk);
                if (kind == 1) {
                    c.sendRaw(ascii("Content-Length: " + junk.length + "\r\n\r\n"));
                } else if (kind == 2) {
                    c.sendRaw(ascii("Content-Length: " + rnd.nextInt(100) + "\r\n\r\n"));
                } else if (kind == 3) {
                    for (int i = 0; i < junk.length; i++) {
                        junk[i] = (byte) "{}[]\":,0123456789abc\r\n \\".charAt(rnd.nextInt(24));
                    }
                }
                c.sendRaw(junk);
                c.sendRaw(ascii("\r\n\r\n"));
                // whatever happened, a well-formed request on the same connection is answered unless the server closed it
                try {
                    c.sendBody("{\"jsonrpc\":\"2.0\",\"id\":1000,\"method\":\"machine/status\"}");
                    c.reply(1000);
                } catch (IOException e) {
                    // acceptable: the frame was swallowed by junk or the connection was closed
                }
            }
            if (round % 10 == 9) {
                assertServerAnswers();
            }
        }
        assertServerAnswers();
    }
}
