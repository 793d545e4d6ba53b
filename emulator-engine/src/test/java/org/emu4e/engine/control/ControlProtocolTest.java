package org.emu4e.engine.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.control.protocol.ControlErrors;
import org.emu4e.engine.control.protocol.GdbStatus;
import org.emu4e.engine.control.server.ControlAddress;
import org.emu4e.engine.control.server.ControlServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The protocol over a real socket against a running 4-vCPU machine, checked on the wire. */
class ControlProtocolTest {
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
        InetSocketAddress a = server.listen(ControlAddress.parse("tcp:0"));
        port = a.getPort();
        assertTrue(a.getAddress().isLoopbackAddress());
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
        machine.shutdown();
        ThreadLeakCheck.assertNoControlThreads();
    }

    @Test
    void initializeExchangesVersionAndCapabilities() throws Exception {
        try (RawClient c = new RawClient(port)) {
            JsonObject r = c.call("initialize", "{\"clientName\":\"t\",\"protocolVersion\":\"1.3\"}").getAsJsonObject("result");
            assertEquals("1.0", r.get("protocolVersion").getAsString());
            JsonObject caps = r.getAsJsonObject("capabilities");
            assertEquals(4, caps.get("cpuCount").getAsInt());
            assertTrue(caps.getAsJsonArray("requests").toString().contains("pmu/halt"));
            assertTrue(caps.getAsJsonArray("notifications").toString().contains("vcpu/stateChanged"));
            JsonObject bad = c.call("initialize", "{\"protocolVersion\":\"2.0\"}");
            assertEquals(ControlErrors.INVALID_REQUEST, RawClient.errorCode(bad));
            assertTrue(RawClient.errorMessage(bad).contains("2.0"));
        }
    }

    @Test
    void vcpuListShowsEveryCore() throws Exception {
        try (RawClient c = new RawClient(port)) {
            JsonArray cpus = c.call("vcpu/list", null).getAsJsonObject("result").getAsJsonArray("vcpus");
            assertEquals(4, cpus.size());
            for (int i = 0; i < 4; i++) {
                JsonObject v = cpus.get(i).getAsJsonObject();
                assertEquals(i, v.get("index").getAsInt());
                assertTrue(v.get("mpidr").getAsString().startsWith("0x"));
                assertTrue(v.get("pc").getAsString().matches("0x[0-9a-f]{16}"));
                assertTrue(v.has("state") && v.has("el") && v.has("instructionCount") && v.has("inState"));
            }
        }
    }

    @Test
    void haltAndResumeRoundTripsWithEventsInOrder() throws Exception {
        try (RawClient c = new RawClient(port)) {
            c.call("initialize", "{\"events\":[\"vcpu/stateChanged\"]}");
            for (int round = 0; round < 3; round++) {
                c.seen.clear();
                JsonObject halted = c.call("pmu/halt", "{\"cpu\":2}").getAsJsonObject("result");
                assertEquals("PMU_HALTED", halted.get("state").getAsString());
                assertTrue(halted.get("haltAsserted").getAsBoolean());
                assertTrue(eventBeforeReply(c.seen, 2, "PMU_HALTED"), "halt event precedes the reply: " + c.seen);
                JsonObject vcpu2 = c.call("vcpu/list", null).getAsJsonObject("result").getAsJsonArray("vcpus")
                        .get(2).getAsJsonObject();
                assertEquals("PMU_HALTED", vcpu2.get("state").getAsString());

                c.seen.clear();
                JsonObject resumed = c.call("pmu/resume", "{\"cpu\":2}").getAsJsonObject("result");
                assertFalse(resumed.get("haltAsserted").getAsBoolean());
                assertFalse("PMU_HALTED".equals(resumed.get("state").getAsString()));
                assertTrue(eventFromBeforeReply(c.seen, 2, "PMU_HALTED"), "resume event precedes the reply: " + c.seen);
            }
            JsonArray lines = c.call("pmu/status", null).getAsJsonObject("result").getAsJsonArray("cpus");
            assertEquals(4, lines.size());
        }
    }

    /** Looks for vcpu/stateChanged(cpu, to=state) before the last message (the reply). */
    static boolean eventBeforeReply(List<JsonObject> seen, int cpu, String to) {
        for (int i = 0; i < seen.size() - 1; i++) {
            JsonObject m = seen.get(i);
            if (m.has("method") && m.get("method").getAsString().equals("vcpu/stateChanged")) {
                JsonObject p = m.getAsJsonObject("params");
                if (p.get("cpu").getAsInt() == cpu && p.get("to").getAsString().equals(to)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean eventFromBeforeReply(List<JsonObject> seen, int cpu, String from) {
        for (int i = 0; i < seen.size() - 1; i++) {
            JsonObject m = seen.get(i);
            if (m.has("method") && m.get("method").getAsString().equals("vcpu/stateChanged")) {
                JsonObject p = m.getAsJsonObject("params");
                if (p.get("cpu").getAsInt() == cpu && p.get("from").getAsString().equals(from)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void vcpuListReportsRealProgressAndStates() throws Exception {
        try (RawClient c = new RawClient(port)) {
            JsonObject v0 = null;
            JsonObject v3 = null;
            for (int i = 0; i < 200; i++) {
                JsonArray cpus = c.call("vcpu/list", null).getAsJsonObject("result").getAsJsonArray("vcpus");
                v0 = cpus.get(0).getAsJsonObject();
                v3 = cpus.get(3).getAsJsonObject();
                if (v0.get("instructionCount").getAsLong() > 1000 && v3.get("state").getAsString().equals("WFI")) {
                    break;
                }
                Thread.sleep(10);
            }
            assertEquals("RUNNING", v0.get("state").getAsString());
            assertEquals(1, v0.get("el").getAsInt());
            assertEquals("0x0000000080000000", v0.get("mpidr").getAsString());
            assertTrue(v0.get("instructionCount").getAsLong() > 1000);
            assertTrue(v0.getAsJsonObject("inState").getAsJsonObject("RUNNING").get("instructions").getAsLong() > 0
                    || v0.get("instructionCount").getAsLong() > 0);
            assertEquals("WFI", v3.get("state").getAsString());
        }
    }

    @Test
    void aCoreHaltedInWfiIsBackInWfiAfterResume() throws Exception {
        assertTrue(machine.vcpu(3).awaitState(org.emu4e.engine.api.RunState.WFI, java.time.Duration.ofSeconds(5)));
        try (RawClient c = new RawClient(port)) {
            c.call("initialize", "{\"events\":[\"vcpu/stateChanged\"]}");
            c.seen.clear();
            assertEquals("PMU_HALTED", c.call("pmu/halt", "{\"cpu\":3}").getAsJsonObject("result").get("state").getAsString());
            assertTrue(eventBeforeReply(c.seen, 3, "PMU_HALTED"), c.seen.toString());
            c.seen.clear();
            assertEquals("WFI", c.call("pmu/resume", "{\"cpu\":3}").getAsJsonObject("result").get("state").getAsString());
            assertTrue(eventBeforeReply(c.seen, 3, "WFI"), c.seen.toString());
        }
    }

    @Test
    void resetAnswersWhenDone() throws Exception {
        try (RawClient c = new RawClient(port)) {
            JsonObject r = c.call("machine/reset", null).getAsJsonObject("result");
            assertEquals("RUNNING", r.get("state").getAsString());
            assertEquals(4, c.call("vcpu/list", null).getAsJsonObject("result").getAsJsonArray("vcpus").size());
        }
    }

    @Test
    void pauseAndContinue() throws Exception {
        try (RawClient c = new RawClient(port)) {
            c.call("initialize", "{\"events\":[\"machine/stateChanged\"]}");
            assertEquals("PAUSED", c.call("machine/pause", null).getAsJsonObject("result").get("state").getAsString());
            JsonArray cpus = c.call("vcpu/list", null).getAsJsonObject("result").getAsJsonArray("vcpus");
            for (int i = 0; i < 4; i++) {
                assertEquals("PAUSED", cpus.get(i).getAsJsonObject().get("state").getAsString());
            }
            assertEquals("RUNNING", c.call("machine/continue", null).getAsJsonObject("result").get("state").getAsString());
            assertTrue(c.seen.stream().anyMatch(m -> m.toString().contains("machine/stateChanged")
                    && m.toString().contains("PAUSED")), c.seen.toString());
        }
    }

    @Test
    void errorsAreJsonRpcErrorObjectsAndTheConnectionSurvives() throws Exception {
        try (RawClient c = new RawClient(port)) {
            JsonObject r = c.call("vcpu/frobnicate", null);
            assertEquals(ControlErrors.METHOD_NOT_FOUND, RawClient.errorCode(r));
            assertTrue(RawClient.errorMessage(r).contains("vcpu/frobnicate"));

            r = c.call("pmu/halt", "{\"cpu\":7}");
            assertEquals(ControlErrors.INVALID_PARAMS, RawClient.errorCode(r));
            assertTrue(RawClient.errorMessage(r).contains("out of range"), RawClient.errorMessage(r));

            r = c.call("pmu/halt", "{\"cpu\":-1}");
            assertEquals(ControlErrors.INVALID_PARAMS, RawClient.errorCode(r));

            r = c.call("pmu/halt", "{\"cpu\":\"two\"}");
            assertEquals(ControlErrors.INVALID_PARAMS, RawClient.errorCode(r));
            assertTrue(RawClient.errorMessage(r).contains("cpu"), RawClient.errorMessage(r));

            r = c.call("pmu/resume", "{}");
            assertEquals(ControlErrors.INVALID_PARAMS, RawClient.errorCode(r));
            assertTrue(RawClient.errorMessage(r).contains("missing"), RawClient.errorMessage(r));

            r = c.call("interrupt/inject", "{\"line\":3,\"level\":\"yes\"}");
            assertEquals(ControlErrors.INVALID_PARAMS, RawClient.errorCode(r));
            r = c.call("interrupt/inject", "{\"line\":5000}");
            assertEquals(ControlErrors.INVALID_PARAMS, RawClient.errorCode(r));
            r = c.call("uart/write", "{\"text\":42}");
            assertTrue(r.has("result") || r.has("error"));

            assertEquals(4, c.call("vcpu/list", null).getAsJsonObject("result").getAsJsonArray("vcpus").size());
        }
    }

    @Test
    void interruptInjectDrivesTheLine() throws Exception {
        try (RawClient c = new RawClient(port)) {
            JsonObject r = c.call("interrupt/inject", "{\"line\":3}").getAsJsonObject("result");
            assertEquals(3, r.get("line").getAsInt());
            assertTrue(r.get("level").getAsBoolean());
            r = c.call("interrupt/inject", "{\"line\":3,\"level\":false}").getAsJsonObject("result");
            assertFalse(r.get("level").getAsBoolean());
        }
    }

    @Test
    void gdbStatusComesFromTheSource() throws Exception {
        try (RawClient c = new RawClient(port)) {
            assertFalse(c.call("gdb/status", null).getAsJsonObject("result").get("enabled").getAsBoolean());
            server.setGdbStatusSource(() -> new GdbStatus(true, "127.0.0.1", 1234, true, "127.0.0.1:50000"));
            JsonObject g = c.call("gdb/status", null).getAsJsonObject("result");
            assertTrue(g.get("enabled").getAsBoolean());
            assertEquals(1234, g.get("port").getAsInt());
            assertTrue(g.get("clientConnected").getAsBoolean());
        }
    }

    @Test
    void aShutdownReplyIsDeliveredEvenWhenTheEmbedderClosesTheServerAtOnce() throws Exception {
        // what the CLI does: wait for the machine to end, then close the control server
        Thread closer = new Thread(() -> {
            try {
                machine.awaitShutdown(java.time.Duration.ofSeconds(30));
                server.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        closer.start();
        try (RawClient c = new RawClient(port)) {
            assertEquals("SHUTDOWN", c.call("machine/shutdown", null).getAsJsonObject("result").get("state").getAsString());
        }
        closer.join(10_000);
    }

    @Test
    void machineShutdownIsAnsweredAndLaterRequestsGetAStateError() throws Exception {
        try (RawClient c = new RawClient(port)) {
            assertEquals("SHUTDOWN", c.call("machine/shutdown", null).getAsJsonObject("result").get("state").getAsString());
            assertEquals("SHUTDOWN", c.call("machine/status", null).getAsJsonObject("result").get("state").getAsString());
            JsonObject r = c.call("machine/pause", null);
            assertEquals(ControlErrors.MACHINE_STATE, RawClient.errorCode(r));
            r = c.call("pmu/halt", "{\"cpu\":1}");
            assertTrue(r.has("error"), r.toString());
        }
        TimeUnit.MILLISECONDS.sleep(0);
    }
}
