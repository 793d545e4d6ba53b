package org.emu4e.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.emu4e.engine.api.RunState;
import org.emu4e.engine.cpu.a64.CpuContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The runtime's rule that only a vCPU's own thread changes its run state, under random interleavings of every cross-vCPU action against 4 real vCPU
 * threads running WFI, WFE and busy loops, then everything released. Checks chained state
 * histories (reported on the vCPU's own thread), no internal failure (the vCPU loop asserts
 * that run state is only written by its own thread), exclusivity of safe work, no lost wake-up
 * and no deadlock (the timeout). Seed: -Demu4e.stress.seed=N; operations: -Demu4e.stress.ops=N.
 */
@Timeout(180)
class RuntimeStressTest extends RuntimeTestBase {
    private static final String SEV_SOMETIMES = "1: .rept 1000\n add x0, x0, #1\n .endr\n sev\n b 1b";
    private static final int DRIVERS = 3;
    private static final int ROUNDS = 4;
    private static final org.emu4e.engine.api.DebugHooks BREAK_IN_BUSY_LOOP =
            new org.emu4e.engine.api.DebugHooks() {
                @Override public boolean breakpointAt(long pc) { return pc == TestBoard.entry(0) + 4; }
                @Override public long watchpointHit(long va, int size, boolean write) { return -1; }
                @Override public boolean hasWatchpoints() { return false; }
            };

    @Test
    void randomInterleavingsKeepEveryInvariant() throws Exception {
        boolean assertions = false;
        assert assertions = true;
        assertTrue(assertions, "run with -ea: the vCPU loop's owner-thread assertion must be on");
        long seed = Long.getLong("emu4e.stress.seed", System.nanoTime());
        int ops = Integer.getInteger("emu4e.stress.ops", 120_000);
        start(new TestBoard(4, false, TestBoard.BUSY, TestBoard.WFI_LOOP, TestBoard.WFE_LOOP, SEV_SOMETIMES));
        RuntimeServices s = board.services();
        java.util.Map<org.emu4e.engine.api.DebugStop.Reason, AtomicLong> stops = new java.util.concurrent.ConcurrentHashMap<>();
        m.debug().addStopListener(st -> stops.computeIfAbsent(st.reason(), r -> new AtomicLong()).incrementAndGet());
        AtomicInteger notExclusive = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        long opsNanos = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            List<Thread> drivers = new ArrayList<>();
            List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int d = 0; d < DRIVERS; d++) {
                SplittableRandom rnd = new SplittableRandom(seed * 31 + round * DRIVERS + d);
                boolean pauser = d == 0;
                Thread t = new Thread(() -> {
                    try {
                        for (int i = 0; i < ops / DRIVERS / ROUNDS; i++) {
                            oneOp(rnd, s, pauser, notExclusive);
                            done.incrementAndGet();
                            if (rnd.nextInt(4) == 0) { // let the vCPUs interleave with the drivers
                                long until = System.nanoTime() + rnd.nextInt(5000);
                                while (System.nanoTime() < until) {
                                    Thread.onSpinWait();
                                }
                            }
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }, "stress-driver-" + d);
                drivers.add(t);
                t.start();
            }
            for (Thread t : drivers) {
                t.join();
            }
            opsNanos += System.nanoTime() - t0;
            assertEquals(List.of(), errors, "seed " + seed);
            releaseAndCheck(s, seed);
        }
        assertEquals(0, notExclusive.get(), "safe work saw vCPUs in guest code");
        long loops = 0;
        long items = 0;
        for (int c = 0; c < 4; c++) {
            loops += m.vcpuThread(c).iterations();
            items += m.vcpuThread(c).workItems();
        }
        System.out.printf("stress seed %d: %d operations in %d ms; %d vCPU loop iterations, %d work items, %d state changes, debug stops %s%n",
                seed, done.get(), TimeUnit.NANOSECONDS.toMillis(opsNanos), loops, items, rec.total(), stops);
        assertEquals((long) (ops / DRIVERS / ROUNDS) * DRIVERS * ROUNDS, done.get());
    }

    /** Lifts every halt reason, raises every IRQ line: every vCPU must run (no lost wake-up). */
    private void releaseAndCheck(RuntimeServices s, long seed) throws Exception {
        for (int c = 0; c < 4; c++) {
            m.vcpu(c).runSync(ctx -> { }); // queued work done first
        }
        m.debug().setHooks(null).get(10, TimeUnit.SECONDS);
        m.resume();
        for (int c = 0; c < 4; c++) {
            s.setPmuHalt(c, false);
            m.debug().resume(c);
        }
        for (int c = 0; c < 4; c++) {
            m.vcpu(c).runSync(ctx -> { });
            if (s.psciAffinityInfo(c) == RuntimeServices.AFFINITY_OFF) {
                assertEquals(RuntimeServices.PSCI_SUCCESS, s.psciCpuOn(c, TestBoard.entry(c), 0));
            }
        }
        for (int c = 0; c < 4; c++) {
            board.setIrq(c, true);
        }
        for (int c = 0; c < 4; c++) {
            int cpu = c;
            await("cpu " + c + " running (seed " + seed + "), is " + m.vcpu(c).state(),
                    () -> m.vcpu(cpu).state() == RunState.RUNNING);
        }
        long x1 = reg(1, 1);
        long x1b = reg(2, 1);
        await("WFI and WFE loops spin with the line up", () -> reg(1, 1) > x1 + 100 && reg(2, 1) > x1b + 100);
        for (int c = 0; c < 4; c++) {
            board.setIrq(c, false);
        }
        assertEquals(List.of(), m.failures(), "seed " + seed);
        assertEquals(List.of(), List.copyOf(rec.violations), "seed " + seed);
    }

    private void oneOp(SplittableRandom rnd, RuntimeServices s, boolean pauser, AtomicInteger notExclusive) {
        int c = rnd.nextInt(4);
        int op = rnd.nextInt(1000);
        if (op < 150) {
            s.setPmuHalt(c, rnd.nextInt(3) == 0);
        } else if (op < 300) {
            board.setIrq(c, rnd.nextInt(3) == 0);
        } else if (op < 400) {
            if (c != 0) {
                s.psciCpuOn(c, TestBoard.entry(c), rnd.nextInt(100));
            }
        } else if (op < 450) {
            if (c != 0) {
                m.vcpu(c).asyncRun(ctx -> s.psciCpuOff(c));
            }
        } else if (op < 530) {
            m.debug().stop(c);
        } else if (op < 700) {
            m.debug().resume(c);
        } else if (op < 730) {
            m.debug().step(c);
        } else if (op < 830) {
            s.sendEvent();
        } else if (op < 870) {
            m.vcpu(c).kick();
        } else if (op < 890) {
            int d = rnd.nextInt(4); // vCPU-to-vCPU sync work (mutual waits serve their own queues)
            m.vcpu(c).asyncRun(ctx -> m.vcpu(d).runSync(x -> CpuContext.cpuOf(x).state().x[10]++));
        } else if (op < 900) {
            // Breakpoint on the busy loop's branch, installed and removed in exclusive sections.
            m.debug().setHooks(rnd.nextBoolean() ? BREAK_IN_BUSY_LOOP : null);
        } else if (op < 930) {
            m.vcpu(c).asyncSafeRun(ctx -> {
                if (m.vcpusInGuestCode() != 0) {
                    notExclusive.incrementAndGet();
                }
            });
        } else if (op < 960) {
            m.vcpu(c).asyncRun(ctx -> CpuContext.cpuOf(ctx).state().x[7]++);
        } else if (op < 990) {
            m.vcpu(c).runSync(ctx -> CpuContext.cpuOf(ctx).state().x[8]++);
        } else if (pauser && op < 993) {
            m.pause(); // returns once every vCPU reported PAUSED
            m.resume();
        } else if (pauser && op < 994) {
            m.reset(); // exclusive: devices, PSCI generation, then every vCPU resets itself
        } else {
            m.pmu().halt(c);
        }
    }
}
