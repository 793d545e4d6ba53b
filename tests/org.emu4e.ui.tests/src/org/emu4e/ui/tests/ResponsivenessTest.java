package org.emu4e.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Table;
import org.emu4e.core.MachineRegistry;
import org.emu4e.core.tests.support.FakeMachines;
import org.emu4e.core.timeline.MachineTimeline;
import org.emu4e.engine.api.RunState;
import org.emu4e.ui.tests.support.Screenshots;
import org.emu4e.ui.tests.support.Ui;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A storm of run-state changes on 64 vCPUs (one thread per vCPU flipping RUNNING/WFI/WFE in bursts,
 * over 25,000 transitions a second in all, through the registry into the real timeline and view) must leave the UI thread
 * responsive: a probe thread measures asyncExec round trips, p99 under 100 ms.
 */
class ResponsivenessTest {

    private static final int CPUS = 64;
    private static final long STORM_MS = 4_000;
    /** Each vCPU flips this many times every {@link #BURST_NANOS}: 64 x 4 / 10 ms = 25,600 a second. */
    private static final int BURST = 4;
    private static final long BURST_NANOS = 10_000_000;
    private static final RunState[] FLIP = { RunState.RUNNING, RunState.WFI, RunState.RUNNING, RunState.WFE };

    private ViewFixture fx;

    @BeforeEach
    void openView() throws Exception {
        fx = new ViewFixture();
    }

    @AfterEach
    void closeView() {
        fx.close();
    }

    @Test
    void uiStaysResponsiveWhile64VcpusStorm() throws Exception {
        FakeMachines.Handle h = FakeMachines.create(CPUS);
        fx.register("storm", h);
        Table table = fx.table();
        Ui.waitUntil(() -> table.getItemCount() == CPUS, "64 rows");

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong flips = new AtomicLong();
        List<Thread> vcpus = new ArrayList<>();
        for (int cpu = 0; cpu < CPUS; cpu++) {
            int c = cpu;
            Thread t = new Thread(() -> {
                long n = 0;
                long next = System.nanoTime();
                while (!stop.get()) {
                    for (int i = 0; i < BURST; i++, n++) {
                        h.setVcpu(c, FLIP[(int) (n % FLIP.length)], 0x40080000L + n * 4, 1, n);
                    }
                    next += BURST_NANOS;
                    java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
                }
                flips.addAndGet(n);
            }, "storm-vcpu-" + cpu);
            t.setDaemon(true);
            vcpus.add(t);
        }
        Display display = Display.getCurrent();
        long[] latencies = new long[10_000];
        int[] count = { 0 };
        Thread probe = new Thread(() -> {
            while (!stop.get() && count[0] < latencies.length) {
                long sent = System.nanoTime();
                AtomicBoolean ran = new AtomicBoolean();
                display.asyncExec(() -> {
                    latencies[count[0]++] = System.nanoTime() - sent;
                    ran.set(true);
                });
                while (!ran.get() && !stop.get()) {
                    Thread.onSpinWait();
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "ui-latency-probe");
        long start = System.nanoTime();
        vcpus.forEach(Thread::start);
        probe.start();
        Ui.pump(STORM_MS);
        Screenshots.save(fx.view.getSite().getShell(), "vcpu-state-storm");
        stop.set(true);
        for (Thread t : vcpus) {
            t.join();
        }
        probe.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = flips.get() / seconds;

        long[] sorted = Arrays.copyOf(latencies, count[0]);
        Arrays.sort(sorted);
        long p99 = sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
        System.out.printf("storm: %,d transitions in %.1f s = %,.0f/s on %d vCPUs; UI round trips %d, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                flips.get(), seconds, rate, CPUS, sorted.length, sorted[sorted.length / 2] / 1e6, p99 / 1e6,
                sorted[sorted.length - 1] / 1e6);
        assertTrue(rate >= 10_000, "storm too slow to mean anything: " + rate + " transitions/s");
        assertTrue(sorted.length >= 50, "too few UI round trips measured: " + sorted.length);
        assertTrue(p99 < 100_000_000L, "UI-thread p99 latency " + p99 / 1e6 + " ms");

        MachineTimeline t = MachineRegistry.getDefault().timeline(MachineRegistry.getDefault().machines().get(0)).orElseThrow();
        assertEquals(flips.get(), t.recorded(), "every transition recorded (kept or counted as dropped)");
        h.shutDown();
    }
}
