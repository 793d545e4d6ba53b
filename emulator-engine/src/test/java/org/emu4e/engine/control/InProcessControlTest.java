package org.emu4e.engine.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.emu4e.engine.control.client.ControlClientAdapter;
import org.emu4e.engine.control.client.ControlConnection;
import org.emu4e.engine.control.protocol.CpuParams;
import org.emu4e.engine.control.protocol.InitializeResult;
import org.emu4e.engine.control.protocol.MachineStateChanged;
import org.emu4e.engine.control.protocol.UartOutput;
import org.emu4e.engine.control.protocol.UartWriteParams;
import org.emu4e.engine.control.protocol.VcpuStateChanged;
import org.emu4e.engine.control.server.ControlServer;
import org.junit.jupiter.api.Test;

/** The in-process transport the Eclipse plug-in uses: same interfaces, no socket. */
class InProcessControlTest {
    @Test
    void typedClientGetsRepliesAndNotificationsWithoutASocket() throws Exception {
        TestMachines.Running running = TestMachines.fourCpus();
        ControlServer server = new ControlServer(running.machine());
        StringBuilder uart = new StringBuilder();
        CompletableFuture<String> sawHello = new CompletableFuture<>();
        List<VcpuStateChanged> vcpuEvents = new CopyOnWriteArrayList<>();
        List<String> machineEvents = new CopyOnWriteArrayList<>();
        ControlClientAdapter client = new ControlClientAdapter() {
            @Override
            public void output(UartOutput e) {
                synchronized (uart) {
                    uart.append(e.text());
                    if (uart.toString().contains("héllo, wörld\n")) {
                        sawHello.complete(uart.toString());
                    }
                }
            }

            @Override
            public void stateChanged(VcpuStateChanged e) {
                vcpuEvents.add(e);
            }

            @Override
            public void stateChanged(MachineStateChanged e) {
                machineEvents.add(e.state());
            }
        };
        try (server; ControlConnection c = server.connectInProcess(client)) {
            InitializeResult init = c.initialize("in-process test", null).get(5, TimeUnit.SECONDS);
            assertEquals(4, init.capabilities().cpuCount());
            assertEquals(3, init.capabilities().events().size());

            // the test board's UART echoes input back as guest output: exercises uart/write and uart/output
            assertEquals(15, c.server().uart().write(new UartWriteParams("héllo, wörld\n")).get(5, TimeUnit.SECONDS).bytes());
            assertTrue(sawHello.get(5, TimeUnit.SECONDS).contains("héllo"));

            // a UTF-8 sequence split across two guest writes still decodes as one character
            byte[] ue = "ü\n".getBytes(StandardCharsets.UTF_8);
            running.board().guestOutput(new byte[] {ue[0]});
            running.board().guestOutput(new byte[] {ue[1], ue[2]});

            assertEquals("PMU_HALTED", c.server().pmu().halt(new CpuParams(0)).get(5, TimeUnit.SECONDS).state());
            assertTrue(vcpuEvents.stream().anyMatch(e -> e.cpu() == 0 && e.to().equals("PMU_HALTED")));
            c.server().pmu().resume(new CpuParams(0)).get(5, TimeUnit.SECONDS);
            c.server().machine().pause().get(5, TimeUnit.SECONDS);
            c.server().machine().resume().get(5, TimeUnit.SECONDS);
            for (int i = 0; i < 100 && !machineEvents.contains("RUNNING"); i++) {
                Thread.sleep(10);
            }
            assertTrue(machineEvents.containsAll(List.of("PAUSED", "RUNNING")), machineEvents.toString());
            for (int i = 0; i < 100 && !uart.toString().contains("ü\n"); i++) {
                Thread.sleep(10);
            }
            synchronized (uart) {
                assertTrue(uart.toString().endsWith("ü\n"), uart.toString());
            }
        } finally {
            running.machine().shutdown();
        }
        ThreadLeakCheck.assertNoControlThreads();
    }
}
