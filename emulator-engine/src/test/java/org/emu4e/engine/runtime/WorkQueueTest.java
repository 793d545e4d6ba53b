package org.emu4e.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.emu4e.engine.api.RunState;
import org.emu4e.engine.api.Vcpu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class WorkQueueTest extends RuntimeTestBase {
    @Test
    void asyncWorkRunsInQueueOrderOnTheVcpuThread() {
        start(new TestBoard(2, false, TestBoard.BUSY, TestBoard.WFI_LOOP));
        for (int cpu = 0; cpu < 2; cpu++) {
            List<Integer> seen = new ArrayList<>();
            List<String> threads = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                int n = i;
                m.vcpu(cpu).asyncRun(ctx -> {
                    seen.add(n);
                    threads.add(Thread.currentThread().getName());
                });
            }
            m.vcpu(cpu).runSync(ctx -> { });
            int c = cpu;
            List<Integer> copy = m.vcpu(cpu).callSync(ctx -> List.copyOf(seen));
            assertEquals(2000, copy.size());
            for (int i = 0; i < 2000; i++) {
                assertEquals(i, copy.get(i));
            }
            boolean allOwn = m.vcpu(cpu).callSync(ctx -> threads.stream().allMatch(t -> t.equals("emu4e-vcpu-" + c)));
            assertTrue(allOwn);
        }
    }

    @Test
    void runSyncRunsInlineOnItsOwnThreadAndCrossThreadOtherwise() {
        start(new TestBoard(2, false, TestBoard.BUSY));
        String[] names = m.vcpu(0).callSync(ctx -> {
            String outer = Thread.currentThread().getName();
            String inline = m.vcpu(0).callSync(c -> Thread.currentThread().getName());
            String cross = m.vcpu(1).callSync(c -> Thread.currentThread().getName());
            return new String[] {outer, inline, cross};
        });
        assertEquals("emu4e-vcpu-0", names[0]);
        assertEquals("emu4e-vcpu-0", names[1]);
        assertEquals("emu4e-vcpu-1", names[2]);
        RuntimeException boom = new IllegalArgumentException("boom");
        assertSame(boom, assertThrows(IllegalArgumentException.class, () -> m.vcpu(1).runSync(ctx -> {
            throw boom;
        })));
    }

    @Test
    void mutualRunSyncDoesNotDeadlock() throws Exception {
        start(new TestBoard(2, false, TestBoard.BUSY, TestBoard.WFI_LOOP));
        Vcpu a = m.vcpu(0);
        Vcpu b = m.vcpu(1);
        for (int round = 0; round < 200; round++) {
            CountDownLatch both = new CountDownLatch(2);
            CompletableFuture<Integer> fa = new CompletableFuture<>();
            CompletableFuture<Integer> fb = new CompletableFuture<>();
            a.asyncRun(ctx -> {
                both.countDown();
                await(both);
                fa.complete(b.callSync(c -> c.index() + 10));
            });
            b.asyncRun(ctx -> {
                both.countDown();
                await(both);
                fb.complete(a.callSync(c -> c.index() + 20));
            });
            assertEquals(11, fa.get(10, TimeUnit.SECONDS));
            assertEquals(20, fb.get(10, TimeUnit.SECONDS));
        }
        // Nested: a -> b -> a runs inline on a's waiting thread.
        assertEquals("emu4e-vcpu-0", a.callSync(ctx -> b.callSync(c -> a.callSync(d -> Thread.currentThread().getName()))));
    }

    private static void await(CountDownLatch l) {
        try {
            l.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void runSyncReleasesTheBigLockWhileWaiting() {
        start(new TestBoard(2, false, TestBoard.BUSY));
        ReentrantLock big = m.bigLock();
        big.lock();
        big.lock();
        try {
            int v = m.vcpu(1).callSync(ctx -> {
                big.lock(); // the vCPU needs the lock the caller holds
                try {
                    return 7;
                } finally {
                    big.unlock();
                }
            });
            assertEquals(7, v);
            assertEquals(2, big.getHoldCount());
        } finally {
            big.unlock();
            big.unlock();
        }
    }

    @Test
    void safeWorkRunsWhileNoVcpuExecutesGuestCode() throws Exception {
        start(new TestBoard(4, false, TestBoard.BUSY, TestBoard.BUSY, TestBoard.WFI_LOOP, TestBoard.SEV_LOOP));
        awaitState(2, RunState.WFI);
        AtomicInteger ran = new AtomicInteger();
        List<Integer> inGuest = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(400);
        for (int i = 0; i < 400; i++) {
            m.vcpu(i % 4).asyncSafeRun(ctx -> {
                synchronized (inGuest) {
                    inGuest.add(m.vcpusInGuestCode());
                }
                ran.incrementAndGet();
                done.countDown();
            });
        }
        assertTrue(done.await(20, TimeUnit.SECONDS));
        assertEquals(400, ran.get());
        synchronized (inGuest) {
            assertTrue(inGuest.stream().allMatch(c -> c == 0), "vCPUs in guest code during safe work: " + inGuest);
        }
        // The WFI sleeper stayed asleep: safe work on other vCPUs never woke it into guest code.
        assertEquals(List.of(RunState.RUNNING, RunState.WFI), rec.states(2));
        assertEquals(RunState.WFI, m.vcpu(2).state());
    }

    @Test
    void workAfterShutdownFailsCleanly() {
        start(new TestBoard(1, false, TestBoard.BUSY));
        m.shutdown();
        assertThrows(IllegalStateException.class, () -> m.vcpu(0).runSync(ctx -> { }));
        m.vcpu(0).asyncRun(ctx -> { }); // ignored
    }

    @Test
    void runSyncFromAnMmioHandlerInGuestCodeNeitherDeadlocksNorBlocksExclusiveWork() throws Exception {
        String reader = "ldr x9, dev\n 1: ldr x1, [x9]\n add x5, x5, #1\n b 1b\n .align 3\n dev: .quad " + TestBoard.DEVICE;
        create(new TestBoard(3, false, reader, TestBoard.BUSY));
        // cpu 0's device read (big lock held, inside guest code) waits on cpu 1.
        board.onDeviceRead = () -> {
            assertTrue(m.bigLock().isHeldByCurrentThread());
            long v = m.vcpu(1).callSync(ctx -> 42L);
            assertTrue(m.bigLock().isHeldByCurrentThread(), "big lock re-taken");
            return v;
        };
        m.start();
        await("device reads", () -> reg(0, 5) > 100);
        assertEquals(42, reg(0, 1));
        AtomicInteger bad = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(600);
        for (int i = 0; i < 200; i++) {
            m.vcpu(1 + i % 2).asyncSafeRun(ctx -> {
                if (m.vcpusInGuestCode() != 0) {
                    bad.incrementAndGet();
                }
                done.countDown();
            });
            // cpu 1 waits on cpu 0, which may be inside its device read waiting on cpu 1.
            m.vcpu(1).asyncRun(ctx -> {
                m.vcpu(0).runSync(c -> { });
                done.countDown();
            });
            m.vcpu(2).asyncRun(ctx -> {
                m.bigLock().lock();
                try {
                    m.vcpu(0).runSync(c -> { });
                } finally {
                    m.bigLock().unlock();
                }
                done.countDown();
            });
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
        assertEquals(0, bad.get());
        long n = reg(0, 5);
        await("still reading", () -> reg(0, 5) > n + 100);
    }
}
