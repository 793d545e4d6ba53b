package org.emu4e.engine.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.emu4e.engine.api.RunState;
import org.emu4e.engine.control.client.ControlClientAdapter;
import org.emu4e.engine.control.client.ControlConnection;
import org.emu4e.engine.control.protocol.ControlService;
import org.emu4e.engine.control.protocol.CpuParams;
import org.emu4e.engine.control.protocol.VcpuStateChanged;
import org.emu4e.engine.control.server.ControlAddress;
import org.emu4e.engine.control.server.ControlServer;
import org.junit.jupiter.api.Test;

/** 10,000 requests from 4 concurrent LSP4J clients, halts and resumes among them, then no thread left behind. */
class ControlStressTest {
    static final int CLIENTS = 4;
    static final int REQUESTS_PER_CLIENT = 2500;
    static final int WINDOW = 32;

    @Test
    void tenThousandRequestsFromFourClients() throws Exception {
        TestMachines.Running running = TestMachines.fourCpus();
        ControlServer server = new ControlServer(running.machine());
        int port = server.listen(ControlAddress.parse("tcp:0")).getPort();
        AtomicInteger ok = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<List<VcpuStateChanged>> events = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int cpu = c;
            List<VcpuStateChanged> mine = new java.util.concurrent.CopyOnWriteArrayList<>();
            events.add(mine);
            threads.add(new Thread(() -> {
                try (ControlConnection conn = ControlConnection.connect("127.0.0.1", port, new ControlClientAdapter() {
                    @Override
                    public void stateChanged(VcpuStateChanged e) {
                        if (e.cpu() == cpu) {
                            mine.add(e);
                        }
                    }
                })) {
                    conn.initialize("stress " + cpu, List.of("vcpu/stateChanged")).get(10, TimeUnit.SECONDS);
                    ControlService s = conn.server();
                    List<CompletableFuture<?>> window = new ArrayList<>();
                    for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                        CompletableFuture<?> f = switch (i % 10) {
                            case 0 -> s.pmu().halt(new CpuParams(cpu)).thenAccept(r -> check(r.state(), "PMU_HALTED"));
                            case 5 -> s.pmu().resume(new CpuParams(cpu));
                            case 1, 6 -> s.machine().status();
                            case 2, 7 -> s.pmu().status();
                            case 3 -> s.gdb().status();
                            default -> s.vcpu().list().thenAccept(l -> check(l.vcpus().size(), 4));
                        };
                        // halt/resume of the same CPU must stay ordered: wait for them before going on
                        if (i % 5 == 0) {
                            f.get(10, TimeUnit.SECONDS);
                            ok.incrementAndGet();
                            continue;
                        }
                        window.add(f);
                        if (window.size() == WINDOW) {
                            for (CompletableFuture<?> w : window) {
                                w.get(10, TimeUnit.SECONDS);
                                ok.incrementAndGet();
                            }
                            window.clear();
                        }
                    }
                    for (CompletableFuture<?> w : window) {
                        w.get(10, TimeUnit.SECONDS);
                        ok.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }, "stress-client-" + c));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(120_000);
        }
        assertTrue(failures.isEmpty(), () -> "failures: " + failures);
        assertEquals(CLIENTS * REQUESTS_PER_CLIENT, ok.get());
        for (int c = 0; c < CLIENTS; c++) {
            // every halt gave one transition into PMU_HALTED and every resume one out of it, alternating
            List<VcpuStateChanged> mine = events.get(c);
            long into = mine.stream().filter(e -> e.to().equals(RunState.PMU_HALTED.name())).count();
            long outOf = mine.stream().filter(e -> e.from().equals(RunState.PMU_HALTED.name())).count();
            assertEquals(REQUESTS_PER_CLIENT / 10, into, "cpu " + c);
            assertEquals(REQUESTS_PER_CLIENT / 10, outOf, "cpu " + c);
        }
        server.close();
        running.machine().shutdown();
        ThreadLeakCheck.assertNoControlThreads();
    }

    private static void check(Object actual, Object expected) {
        if (!expected.equals(actual)) {
            throw new AssertionError("expected " + expected + " but was " + actual);
        }
    }
}
