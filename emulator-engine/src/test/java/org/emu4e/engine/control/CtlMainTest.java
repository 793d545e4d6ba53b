package org.emu4e.engine.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import org.emu4e.engine.control.client.CtlMain;
import org.emu4e.engine.control.server.ControlAddress;
import org.emu4e.engine.control.server.ControlServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** {@code emu4e ctl} against a running machine, and without one. */
class CtlMainTest {
    private TestMachines.Running running;
    private ControlServer server;
    private int port;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        running = TestMachines.fourCpus();
        server = new ControlServer(running.machine());
        port = server.listen(ControlAddress.parse("tcp:0")).getPort();
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
        running.machine().shutdown();
        ThreadLeakCheck.assertNoControlThreads();
    }

    private int ctl(String... args) {
        out.reset();
        err.reset();
        return CtlMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private JsonObject result() {
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    @Test
    void listsVcpusAndHaltsAndResumesACore() {
        String p = Integer.toString(port);
        assertEquals(CtlMain.OK, ctl("--port", p, "vcpu/list"), err::toString);
        assertEquals(4, result().getAsJsonArray("vcpus").size());

        assertEquals(CtlMain.OK, ctl("--port", p, "pmu/halt", "2"), err::toString);
        assertEquals("PMU_HALTED", result().get("state").getAsString());
        assertEquals(CtlMain.OK, ctl("--connect", "127.0.0.1:" + p, "pmu/resume", "cpu=2"), err::toString);
        assertEquals(false, result().get("haltAsserted").getAsBoolean());
        assertEquals(CtlMain.OK, ctl("--port", p, "interrupt/inject", "5", "false"), err::toString);
        assertEquals(false, result().get("level").getAsBoolean());
        assertEquals(CtlMain.OK, ctl("--port", p, "pmu/halt", "{\"cpu\":1}"), err::toString);
        assertEquals(CtlMain.OK, ctl("--port", p, "gdb/status"), err::toString);
        assertEquals(false, result().get("enabled").getAsBoolean());
    }

    @Test
    void errorRepliesExitOne() {
        String p = Integer.toString(port);
        assertEquals(CtlMain.ERROR_REPLY, ctl("--port", p, "pmu/halt", "9"));
        assertTrue(err.toString().contains("-32602") && err.toString().contains("out of range"), err.toString());
        assertEquals(CtlMain.ERROR_REPLY, ctl("--port", p, "no/such"));
        assertTrue(err.toString().contains("-32601"), err.toString());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(CtlMain.USAGE, ctl());
        assertEquals(CtlMain.USAGE, ctl("--port", Integer.toString(port), "pmu/halt", "two"));
        assertTrue(err.toString().contains("must be a number"), err.toString());
        assertEquals(CtlMain.USAGE, ctl("--port", Integer.toString(port), "pmu/halt", "1", "2"));
        assertEquals(CtlMain.OK, ctl("--list"));
        assertTrue(out.toString().contains("pmu/halt cpu"));
    }

    @Test
    void noServerExitsThree() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        assertEquals(CtlMain.NO_SERVER, ctl("--port", Integer.toString(free), "vcpu/list"));
        assertTrue(err.toString().contains("no emu4e control server"), err.toString());
    }
}
