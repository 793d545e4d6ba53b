package org.emu4e.engine.cpu.a64.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuExit;
import org.emu4e.engine.cpu.a64.tb.TranslationBlock;
import org.emu4e.engine.memory.PhysicalBus;
import org.emu4e.engine.testing.Asm;
import org.emu4e.engine.testing.CpuRig;
import org.emu4e.engine.testing.TestCpuEnvironment;
import org.junit.jupiter.api.Test;

/**
 * Stores of translated code that write RAM directly through the data TLB stop doing so for a
 * page that another vCPU makes a code page or that a waiting exclusive monitor starts to
 * watch while the storing vCPU keeps running chained blocks: its later stores to that page
 * invalidate the code decoded there, or reach the watch listener.
 */
class StoreFastPathTest {
    /** The word at FROM, stored to TO again and again until STOP is non-zero. */
    private static final long FROM = CpuRig.DATA;
    private static final long STOP = CpuRig.DATA + 8;
    private static final long TO = CpuRig.DATA + 0x4000;
    private static final int MOV_X0_1 = 0xD2800020;
    private static final int MOV_X0_2 = 0xD2800040;
    private static final int WFI = 0xD503207F;

    /** Runs the storing loop on its own thread with a budget that never ends it. */
    private static CompletableFuture<CpuExit> storeLoop(CpuRig rig) {
        rig.load("""
                    ldr x7, =%d
                    ldr x1, =%d
                1:  ldr w6, [x7]
                    str w6, [x1]
                    ldr x8, [x7, #8]
                    cbz x8, 1b
                    wfi
                """.formatted(FROM, TO));
        CompletableFuture<CpuExit> exit = CompletableFuture.supplyAsync(() -> rig.cpu().run(1L << 50));
        while (rig.cpu().instructions < 200_000 && !exit.isDone()) {
            Thread.onSpinWait();
        }
        return exit;
    }

    private static void stop(CpuRig rig, CompletableFuture<CpuExit> exit) throws Exception {
        rig.ram().write(STOP, 8, 1);
        assertEquals(CpuExit.WFI, exit.get(60, TimeUnit.SECONDS));
    }

    @Test
    void storesToAPageThatAnotherVcpuDecodesLaterInvalidateItsCode() throws Exception {
        CpuRig rig = new CpuRig(ModeDiff.JIT);
        rig.ram().write(FROM, 4, MOV_X0_1);
        rig.ram().write(TO + 4, 4, WFI);
        CompletableFuture<CpuExit> exit = storeLoop(rig);
        try {
            assertTrue(Jit.compiled(rig.cpu().blocks().blockAt(CpuRig.CODE + 8)) != null, "the store loop runs translated");

            // A second vCPU (its own bus view of the RAM) runs the code at TO: "mov x0, #1; wfi".
            PhysicalBus view = new PhysicalBus(new ReentrantLock());
            view.addRam(rig.ram());
            A64Cpu second = new A64Cpu(new TestCpuEnvironment(view, 1, 1, null, () -> false));
            second.reset(1, TO);
            assertEquals(CpuExit.WFI, second.run(100));
            assertEquals(1, second.state().x[0]);
            TranslationBlock decoded = second.blocks().blockAt(TO);

            // The loop now stores "mov x0, #2" there: the block decoded from the old word dies.
            rig.ram().write(FROM, 4, MOV_X0_2);
            while ((int) rig.ram().read(TO, 4) != MOV_X0_2 && !exit.isDone()) {
                Thread.onSpinWait();
            }
            long seen = rig.cpu().instructions;
            while (rig.cpu().instructions < seen + 10_000 && decoded.isValid()) {
                Thread.onSpinWait();
            }
            assertFalse(decoded.isValid(), "the first store after the page became code invalidated its block");
            second.reset(1, TO);
            assertEquals(CpuExit.WFI, second.run(100));
            assertEquals(2, second.state().x[0]);
        } finally {
            stop(rig, exit);
        }
    }

    @Test
    void aPageWatchedLaterIsNotifiedOfTheNextStores() throws Exception {
        CpuRig rig = new CpuRig(ModeDiff.JIT);
        CountDownLatch notified = new CountDownLatch(1);
        rig.ram().setWatchListener((pa, size) -> {
            if (pa <= TO && TO < pa + size) {
                notified.countDown();
            }
        });
        CompletableFuture<CpuExit> exit = storeLoop(rig);
        try {
            // As a vCPU going to sleep in WFE with its exclusive monitor on TO does.
            rig.ram().markWatched(TO);
            assertTrue(notified.await(60, TimeUnit.SECONDS), "a store to the watched page was notified");
        } finally {
            rig.ram().unmarkWatched(TO);
            stop(rig, exit);
        }
    }
}
