package org.emu4e.engine.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.emu4e.engine.control.protocol.ControlErrors;
import org.emu4e.engine.control.server.ControlAddress;
import org.emu4e.engine.control.server.ControlServer;
import org.emu4e.engine.control.transport.ControlLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

/** The bounds that keep a flooding or stalled client from wedging the engine. */
class ControlLimitsTest {
    private TestMachines.Running running;
    private ControlServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        running = TestMachines.fourCpus();
        server = new ControlServer(running.machine(), new ControlLimits(64 * 1024, 4, 3, 64));
        port = server.listen(ControlAddress.parse("tcp:0")).getPort();
    }

    @AfterEach
    void stop() throws InterruptedException {
        running.board().inputGate = null;
        server.close();
        running.machine().shutdown();
        ThreadLeakCheck.assertNoControlThreads();
    }

    @Test
    void requestsPastTheInFlightLimitAreRefusedAndTheRestAnswered() throws Exception {
        server.setChangeTimeout(java.time.Duration.ofSeconds(30));
        CountDownLatch gate = new CountDownLatch(1);
        running.board().inputGate = gate; // uart/write now waits in the machine
        try (RawClient c = new RawClient(port)) {
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ids.add(c.send("uart/write", "{\"text\":\"x\"}"));
            }
            // answered while the writes are stuck: status never waits
            JsonObject status = c.call("machine/status", null);
            assertEquals("RUNNING", status.getAsJsonObject("result").get("state").getAsString());
            // the refusals were sent at once, so they came before the status reply
            int refused = 0;
            for (JsonObject m : c.seen) {
                if (m.has("error")) {
                    assertEquals(ControlErrors.TOO_MANY_REQUESTS, RawClient.errorCode(m));
                    assertTrue(RawClient.errorMessage(m).contains("in flight"));
                    refused++;
                }
            }
            gate.countDown();
            int answered = 0;
            for (Integer id : ids) {
                JsonObject m = c.seen.stream().filter(x -> x.has("id") && !x.get("id").isJsonNull()
                        && x.get("id").getAsInt() == id).findFirst().orElse(null);
                if (m == null) {
                    m = c.reply(id);
                }
                if (m.has("result")) {
                    answered++;
                }
            }
            assertEquals(6, refused);
            assertEquals(4, answered);
        }
    }

    @Test
    void aChangeThatDoesNotHappenInTimeGetsATimeoutErrorAndLaterRequestsStillWork() throws Exception {
        server.setChangeTimeout(java.time.Duration.ofMillis(200));
        CountDownLatch gate = new CountDownLatch(1);
        running.board().inputGate = gate;
        try (RawClient c = new RawClient(port)) {
            JsonObject r = c.call("uart/write", "{\"text\":\"late\"}");
            assertEquals(ControlErrors.TIMEOUT, RawClient.errorCode(r));
            assertTrue(RawClient.errorMessage(r).contains("uart/write") && RawClient.errorMessage(r).contains("200 ms"),
                    RawClient.errorMessage(r));
            gate.countDown();
            assertEquals("PMU_HALTED", c.call("pmu/halt", "{\"cpu\":1}").getAsJsonObject("result").get("state").getAsString());
            assertTrue(c.call("uart/write", "{\"text\":\"on time\"}").has("result"));
        }
    }

    @Test
    void connectionsPastTheClientLimitAreRefused() throws Exception {
        try (RawClient a = new RawClient(port); RawClient b = new RawClient(port); RawClient c = new RawClient(port)) {
            a.call("machine/status", null);
            b.call("machine/status", null);
            c.call("machine/status", null);
            try (RawClient d = new RawClient(port)) {
                JsonObject m = d.read();
                assertEquals(ControlErrors.TOO_MANY_CLIENTS, RawClient.errorCode(m));
                assertTrue(d.closedByServer());
            }
        }
        // slots are free again once clients leave
        for (int i = 0; i < 50 && server.clientCount() > 0; i++) {
            Thread.sleep(20);
        }
        try (RawClient e = new RawClient(port)) {
            assertTrue(e.call("machine/status", null).has("result"));
        }
    }

    @Test
    void aClientThatNeverReadsIsDisconnectedWithoutStallingOthers() throws Exception {
        try (RawClient slow = new RawClient(port); RawClient ok = new RawClient(port)) {
            slow.call("initialize", "{\"events\":[\"uart/output\"]}");
            slow.socket.setReceiveBufferSize(4096);
            byte[] chunk = "y".repeat(4000).getBytes(StandardCharsets.UTF_8);
            // the guest floods the UART; slow never reads its uart/output notifications
            for (int i = 0; i < 4000 && server.clientCount() == 2; i++) {
                running.board().guestOutput(chunk);
                if (i % 100 == 0) {
                    Thread.sleep(5);
                }
            }
            for (int i = 0; i < 200 && server.clientCount() == 2; i++) {
                Thread.sleep(10);
            }
            assertEquals(1, server.clientCount(), "the stalled client was dropped");
            assertTrue(ok.call("vcpu/list", null).has("result"));
        }
    }
}
