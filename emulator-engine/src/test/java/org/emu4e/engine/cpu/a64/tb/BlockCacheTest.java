package org.emu4e.engine.cpu.a64.tb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import java.util.concurrent.locks.ReentrantLock;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuExit;
import org.emu4e.engine.memory.PhysicalBus;
import org.emu4e.engine.testing.TestCpuEnvironment;
import org.emu4e.engine.testing.Asm;
import org.emu4e.engine.testing.CpuRig;
import org.junit.jupiter.api.Test;

/**
 * The translation-block dispatcher ({@code A64Cpu.run} with a budget, as the vCPU threads
 * run it): blocks are reused and chained, the budget is exact, exceptions leave a block at
 * the faulting instruction, and code written by the guest itself, by another thread or by
 * the host is re-translated (ARM ARM B2.4.4).
 */
class BlockCacheTest {
    private static final int WFI = 0xD503207F;

    private final CpuRig rig = new CpuRig();

    private static int word(String insn) {
        return java.nio.ByteBuffer.wrap(Asm.assemble(insn)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private CpuExit run(long budget) {
        return rig.cpu().run(budget);
    }

    @Test
    void aLoopIsTranslatedOnceAndChained() {
        rig.load("""
                    mov x0, #0
                    mov x1, #1000
                1:  add x0, x0, #3
                    subs x1, x1, #1
                    b.ne 1b
                    wfi
                """);
        long before = rig.cpu().blocks().translations();
        assertEquals(CpuExit.WFI, run(1_000_000));
        assertEquals(3000, rig.s().x[0]);
        // mov-mov-add-subs-b.ne | add-subs-b.ne | wfi
        assertEquals(3, rig.cpu().blocks().translations() - before);
        assertEquals(2 + 3 * 1000 + 1, rig.cpu().instructions);
    }

    @Test
    void theBudgetIsExactInsideABlock() {
        rig.load("""
                    mov x0, #1
                    mov x0, #2
                    mov x0, #3
                    mov x0, #4
                    mov x0, #5
                    wfi
                """);
        assertEquals(CpuExit.BUDGET, run(3));
        assertEquals(3, rig.s().x[0]);
        assertEquals(CpuRig.CODE + 12, rig.s().pc);
        assertEquals(CpuExit.WFI, run(100));
        assertEquals(5, rig.s().x[0]);
    }

    @Test
    void anExceptionLeavesTheBlockAtTheFaultingInstruction() {
        rig.load("""
                    adr x9, vectors
                    msr vbar_el1, x9
                    isb
                    mov x0, #1
                    udf #0
                    mov x0, #2
                    wfi
                    .balign 2048
                vectors:
                    .skip 0x200
                    mov x1, #7
                    wfi
                """);
        assertEquals(CpuExit.WFI, run(100));
        assertEquals(1, rig.s().x[0]);
        assertEquals(7, rig.s().x[1]);
        assertEquals(CpuRig.CODE + 16, rig.cpu().sys().elr[1]);
    }

    @Test
    void aStoreOverTheNextInstructionOfTheSameBlockTakesEffect() {
        // movz x0, #2 encoded at run time over "mov x0, #1" later in this very block
        rig.load("""
                    adr x2, patched
                    movz w3, #0x0040
                    movk w3, #0xd280, lsl #16
                    str w3, [x2]
                patched:
                    mov x0, #1
                    wfi
                """);
        assertEquals(CpuExit.WFI, run(100));
        assertEquals(2, rig.s().x[0]);
    }

    @Test
    void codeRewrittenBetweenRunsIsRetranslated() {
        rig.load("""
                1:  mov x0, #1
                    wfi
                    b 1b
                """);
        assertEquals(CpuExit.WFI, run(100));
        assertEquals(1, rig.s().x[0]);
        rig.bus().write(CpuRig.CODE, 4, word("mov x0, #9"));
        assertEquals(CpuExit.WFI, run(100));
        assertEquals(9, rig.s().x[0]);
    }

    @Test
    void anotherThreadBreaksAChainedSelfLoopByWritingIt() throws Exception {
        rig.load("""
                1:  b 1b
                """);
        CompletableFuture<CpuExit> exit = CompletableFuture.supplyAsync(() -> run(Long.MAX_VALUE / 2));
        while (rig.cpu().instructions < 10_000) {
            Thread.onSpinWait();
        }
        rig.bus().write(CpuRig.CODE, 4, WFI);
        assertEquals(CpuExit.WFI, exit.get(30, TimeUnit.SECONDS));
    }

    @Test
    void icIvauAndIcIalluDropTranslatedCode() {
        rig.load("""
                    adr x2, 1f
                    ic ivau, x2
                1:  ic iallu
                    wfi
                """);
        BlockCache blocks = rig.cpu().blocks();
        long invalidations = blocks.pageInvalidations();
        assertEquals(CpuExit.WFI, run(100));
        // IC IVAU drops the code page; IC IALLU drops it again (re-translated since).
        assertEquals(2, blocks.pageInvalidations() - invalidations);
    }

    @Test
    void icIalluOnlyDropsPagesTranslatedSinceThePreviousOne() {
        rig.load("""
                    mov x0, #1
                    wfi
                """);
        BlockCache blocks = rig.cpu().blocks();
        assertEquals(CpuExit.WFI, run(100));
        long since = blocks.invalidateTranslatedAfter(-1);
        assertEquals(0, blocks.cachedPages());
        rig.s().pc = CpuRig.CODE;
        assertEquals(CpuExit.WFI, run(100));
        long invalidations = blocks.pageInvalidations();
        long next = blocks.invalidateTranslatedAfter(since);
        assertEquals(invalidations + 1, blocks.pageInvalidations(), "translated after the first: dropped");
        blocks.invalidateTranslatedAfter(next);
        assertEquals(invalidations + 1, blocks.pageInvalidations(), "nothing new: nothing dropped");
    }

    @Test
    void cpusOnSeparateBusViewsOfOneRamShareBlocksAndSeeEachOthersWrites() {
        // The virt board gives each vCPU its own bus view (banked GIC registers) over one RAM.
        rig.load("""
                    mov x0, #5
                    wfi
                """);
        assertEquals(CpuExit.WFI, run(100));
        long translated = rig.cpu().blocks().translations();
        PhysicalBus view = new PhysicalBus(new ReentrantLock());
        view.addRam(rig.ram());
        A64Cpu second = new A64Cpu(new TestCpuEnvironment(view, 1, 1, null, () -> false));
        second.reset(1, CpuRig.CODE);
        assertEquals(CpuExit.WFI, second.run(100));
        assertEquals(5, second.state().x[0]);
        assertEquals(translated, second.blocks().translations(), "the first CPU's block is reused");

        second.reset(1, CpuRig.CODE);
        view.write(CpuRig.CODE, 4, word("mov x0, #6"));
        rig.s().pc = CpuRig.CODE;
        assertEquals(CpuExit.WFI, run(100));
        assertEquals(6, rig.s().x[0], "a write through one view invalidates the block for all");
    }
}
