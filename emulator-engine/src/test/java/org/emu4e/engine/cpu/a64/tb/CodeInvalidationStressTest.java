package org.emu4e.engine.cpu.a64.tb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.memory.PhysicalBus;
import org.emu4e.engine.memory.Ram;
import org.emu4e.engine.testing.Asm;
import org.emu4e.engine.testing.TestCpuEnvironment;
import org.junit.jupiter.api.Test;

/**
 * Translation-block invalidation under concurrency: three vCPUs, each on its own thread and
 * bus view of one RAM, call a function in a loop and publish its result, while the test
 * thread rewrites the function 4,000 times (-Demu4e.xmc.rewrites=N) (and, at random, other words of the same page).
 * Every rewrite must be seen by every vCPU (no stale block survives a write, whatever it
 * raced with: a translation, a chained entry, execution of the block itself), and no vCPU
 * may ever go back to an older version once it has run a newer one.
 */
class CodeInvalidationStressTest {
    private static final long RAM = 0x4000_0000L;
    private static final long CODE = RAM + 0x1000;
    private static final long RESULTS = RAM + 0x8000;
    private static final int CPUS = 3;
    private static final int REWRITES = Integer.getInteger("emu4e.xmc.rewrites", 4_000);

    private static final String WORKER = """
                mov x5, x0                 // x0 = this CPU's result slot
                mov x6, #0                 // highest value seen
            1:  bl patchable
                cmp x0, x6
                b.lo regression
                mov x6, x0
                str x0, [x5]
                b 1b
            regression:
                mov x1, #-1
                str x1, [x5]
                wfi
                b regression
                .balign 256
            patchable:
                movz x0, #0
                ret
            spare:
                .quad 0
            """;

    @Test
    void everyRewriteIsSeenByEveryVcpuAndNoneGoesBack() throws Exception {
        byte[] code = Asm.assemble(WORKER);
        int patchOffset = find(code, 0xD2800000); // movz x0, #0
        long patchable = CODE + patchOffset;
        Ram ram = new Ram(RAM, 1 << 20);
        PhysicalBus host = new PhysicalBus(new ReentrantLock());
        host.addRam(ram);
        host.load(CODE, code);

        List<Thread> threads = new ArrayList<>();
        List<A64Cpu> cpus = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < CPUS; i++) {
            PhysicalBus view = new PhysicalBus(new ReentrantLock());
            view.addRam(ram);
            A64Cpu cpu = new A64Cpu(new TestCpuEnvironment(view, i, i, null, () -> false));
            cpu.reset(1, CODE);
            cpu.state().x[0] = RESULTS + 8L * i;
            cpus.add(cpu);
            Thread t = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        cpu.run(5_000);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "xmc-vcpu-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        SplittableRandom rnd = new SplittableRandom(20261201);
        long translationsBefore = cpus.get(0).blocks().translations();
        try {
            for (int k = 1; k <= REWRITES; k++) {
                host.write(patchable, 4, 0xD2800000L | ((long) k << 5)); // movz x0, #k
                if (rnd.nextInt(4) == 0) {
                    host.write(patchable + 8, 8, rnd.nextLong()); // same page, not code
                }
                long deadline = System.nanoTime() + 10_000_000_000L;
                for (int i = 0; i < CPUS; i++) {
                    while (true) {
                        long seen = ram.read(RESULTS + 8L * i, 8);
                        assertTrue(seen != -1, "vCPU " + i + " ran an older version after a newer one");
                        if (seen == k) {
                            break;
                        }
                        assertTrue(seen == k - 1, "vCPU " + i + " published " + seen + " while the code said " + k);
                        if (System.nanoTime() > deadline) {
                            A64Cpu c = cpus.get(i);
                            throw new AssertionError("vCPU " + i + " never ran version " + k + "; pc "
                                    + Long.toHexString(c.state().pc) + ", failures " + failures
                                    + ", block at patchable " + c.blocks().blockAt(patchable)
                                    + ", word " + Long.toHexString(ram.read(patchable, 4)));
                        }
                        Thread.yield(); // 3 vCPU threads on 2 cores here: leave them the cores
                    }
                }
            }
        } finally {
            for (Thread t : threads) {
                t.interrupt();
            }
            for (A64Cpu c : cpus) {
                c.exitRequest = true;
            }
            for (Thread t : threads) {
                t.join(10_000);
            }
        }
        assertEquals(List.of(), List.copyOf(failures));
        long translations = cpus.get(0).blocks().translations() - translationsBefore;
        assertTrue(translations >= REWRITES, "each rewrite re-translates the function, got " + translations);
        System.out.printf("code invalidation stress: %d rewrites seen by %d vCPUs, %d translations%n",
                REWRITES, CPUS, translations);
    }

    private static int find(byte[] code, int word) {
        ByteBuffer b = ByteBuffer.wrap(code).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 4 <= code.length; i += 4) {
            if (b.getInt(i) == word) {
                return i;
            }
        }
        throw new AssertionError("no such instruction");
    }
}
