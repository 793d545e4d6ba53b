package org.emu4e.core.tests.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.emu4e.core.timeline.CoreHistory;
import org.emu4e.core.timeline.MachineTimeline;
import org.emu4e.core.timeline.Segment;
import org.emu4e.engine.api.RunState;
import org.emu4e.engine.api.StateChange;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Many feeder threads (one per vCPU, as the engine does, plus extra threads sharing vCPUs) and
 * readers racing them: nothing lost, nothing thrown, every read consistent.
 */
class TimelineStressTest {

    private static final int CPUS = 16;
    private static final int SHARED_FEEDERS = 4;
    private static final int PER_THREAD = 20_000;
    private static final int CAPACITY = 512;
    private static final RunState[] STATES = RunState.values();

    @RepeatedTest(3)
    void feedersAndReadersRace() throws Exception {
        MachineTimeline timeline = new MachineTimeline(Collections.nCopies(CPUS, RunState.RUNNING), 0, CAPACITY);
        int feeders = CPUS + SHARED_FEEDERS;
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(feeders);
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        long[] fedPerCpu = new long[CPUS];
        List<Thread> threads = new ArrayList<>();
        for (int f = 0; f < feeders; f++) {
            int id = f;
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < PER_THREAD; i++) {
                        // own vCPU for the first CPUS threads; the shared ones spray over all vCPUs
                        int cpu = id < CPUS ? id : (i * 7 + id) % CPUS;
                        timeline.record(new StateChange(cpu, STATES[i % STATES.length],
                                STATES[(i + 1) % STATES.length], "t" + id, System.nanoTime(), i));
                    }
                } catch (Throwable t) {
                    failures.add(t);
                } finally {
                    done.countDown();
                }
            }, "feeder-" + f));
            if (id < CPUS) {
                fedPerCpu[id] += PER_THREAD;
            } else {
                for (int i = 0; i < PER_THREAD; i++) {
                    fedPerCpu[(i * 7 + id) % CPUS]++;
                }
            }
        }
        for (int r = 0; r < 3; r++) {
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    long lastVersion = -1;
                    while (!stop.get()) {
                        long v = timeline.version();
                        assertTrue(v >= lastVersion, "version goes backwards");
                        lastVersion = v;
                        for (int c = 0; c < CPUS; c++) {
                            CoreHistory h = timeline.core(c);
                            long now = System.nanoTime();
                            List<Segment> segs = h.segments(now - 1_000_000, now);
                            for (Segment s : segs) {
                                assertEquals(c, s.cpu());
                            }
                            assertTrue(h.size() <= CAPACITY);
                            h.segmentAt(now - 500_000);
                            h.current();
                        }
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }, "reader-" + r));
        }
        threads.forEach(Thread::start);
        start.countDown();
        done.await();
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(failures.isEmpty(), () -> "failures: " + failures);
        long total = (long) feeders * PER_THREAD;
        assertEquals(total, timeline.version());
        assertEquals(total, timeline.recorded());
        for (int c = 0; c < CPUS; c++) {
            CoreHistory h = timeline.core(c);
            assertEquals(fedPerCpu[c], h.recorded(), "vCPU " + c + " lost transitions");
            assertEquals(Math.min(CAPACITY, fedPerCpu[c]), h.size());
            assertEquals(fedPerCpu[c] - h.size(), h.dropped());
        }
    }

    @RepeatedTest(3)
    void oneFeederPerVcpuKeepsItsNewestTransitionsInOrder() throws Exception {
        MachineTimeline timeline = new MachineTimeline(Collections.nCopies(CPUS, RunState.RUNNING), 0, CAPACITY);
        List<Thread> threads = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        for (int c = 0; c < CPUS; c++) {
            int cpu = c;
            threads.add(new Thread(() -> {
                try {
                    for (int i = 1; i <= PER_THREAD; i++) {
                        timeline.record(new StateChange(cpu, RunState.RUNNING, RunState.WFI, "wfi", i, i));
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(failures.isEmpty(), () -> "failures: " + failures);
        for (int c = 0; c < CPUS; c++) {
            List<StateChange> kept = timeline.core(c).transitions();
            assertEquals(CAPACITY, kept.size());
            for (int i = 0; i < CAPACITY; i++) {
                assertEquals(PER_THREAD - CAPACITY + 1 + i, kept.get(i).instructionCount());
            }
        }
    }
}
