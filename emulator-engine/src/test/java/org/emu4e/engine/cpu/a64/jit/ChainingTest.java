package org.emu4e.engine.cpu.a64.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuExit;
import org.emu4e.engine.cpu.a64.TlbInvalidation;
import org.emu4e.engine.memory.PhysicalBus;
import org.emu4e.engine.testing.Asm;
import org.emu4e.engine.testing.CpuRig;
import org.emu4e.engine.testing.TestCpuEnvironment;
import org.junit.jupiter.api.Test;

/**
 * Translated blocks that continue into each other without the dispatcher (chain slots within a
 * page, the lookup cache for indirect branches and other pages) keep the interpreter's state at
 * every budget, see code invalidated by another vCPU, take faults precisely, and never use a
 * lookup entry across a change of the translation regime. Runs use plain {@code A64Cpu.run}
 * (no debug hooks), as the vCPU threads do.
 */
class ChainingTest {
    private static final int WFI = 0xD503207F;
    /** CpuRig's level 2 table (2 MiB blocks of 1-2 GiB). */
    private static final long L2 = CpuRig.RAM_BASE + CpuRig.RAM_SIZE - 0x2000;
    private static final long L1 = L2 + 0x1000;

    /** A loop of four blocks in one page, with memory accesses, flags and a rarely taken branch. */
    private static final String LOOP = """
                ldr x1, =0x40800000
                mov x2, #300
            1:  ldr x3, [x1, x2, lsl #3]
                add x3, x3, x2
                cbz x3, 2f
                str x3, [x1, x2, lsl #3]
            2:  adds x4, x4, x3
                b 3f
            3:  subs x2, x2, #1
                b.ne 1b
                wfi
            """;

    @Test
    void blocksOfOnePageChainAndBudgetsStayExact() {
        for (long budget : new long[] {1, 3, 7, 97, 1000, 1_000_000}) {
            ModeDiff d = new ModeDiff();
            assertEquals(CpuExit.WFI, d.runInSlices(LOOP, budget), "budget " + budget);
            if (budget == 1_000_000) {
                CompiledBlock tail = Jit.compiled(d.jit.cpu().blocks().blockAt(CpuRig.CODE + 32)); // 3: subs; b.ne 1b
                assertNotNull(tail, "translated");
                assertNotNull(tail.exit1, "the taken exit is chained");
                assertEquals(CpuRig.CODE + 8, tail.exit1.block().pa());
            }
        }
    }

    /** NOP ends a block (it is in the system group) but is no reason to leave translated code. */
    @Test
    void aBlockEndingInNopChainsToTheNextOne() {
        String loop = """
                    mov x2, #200
                1:  add x0, x0, x2
                    nop
                    subs x2, x2, #1
                    b.ne 1b
                    wfi
                """;
        for (long budget : new long[] {1, 2, 5, 1_000_000}) {
            ModeDiff d = new ModeDiff();
            assertEquals(CpuExit.WFI, d.runInSlices(loop, budget), "budget " + budget);
            if (budget == 1_000_000) {
                CompiledBlock nop = Jit.compiled(d.jit.cpu().blocks().blockAt(CpuRig.CODE + 4)); // 1: add; nop
                assertNotNull(nop, "translated");
                assertEquals(CpuRig.CODE + 12, nop.exit0.block().pa(), "chained to the instruction after the NOP");
            }
        }
    }

    @Test
    void aFaultInAChainedBlockLeavesThePreciseState() {
        ModeDiff d = new ModeDiff();
        long vbar = CpuRig.RAM_BASE + 0x2_0000;
        for (CpuRig r : new CpuRig[] {d.interp, d.jit}) {
            r.cpu().sys().vbar[1] = vbar;
            r.bus().write(vbar + 0x200, 4, WFI); // current EL with SPx, synchronous
        }
        String program = """
                    ldr x1, =0x40800000
                    ldr x9, =0x7f000000
                    mov x2, #5
                1:  add x3, x3, #1
                    add x4, x4, x3
                    b 2f
                2:  add x5, x5, x4
                    sub x2, x2, #1
                    cmp x2, #0
                    csel x6, x9, x1, eq
                    mul x7, x5, x3
                    ldr x8, [x6]
                    add x10, x10, #1
                    b 1b
                """;
        for (long budget : new long[] {1_000_000, 7}) {
            assertEquals(CpuExit.WFI, d.runInSlices(program, budget));
            assertEquals(CpuRig.CODE + 0x2C, d.jit.cpu().sys().elr[1], "the faulting load");
            d.interp.cpu().reset(1, CpuRig.CODE);
            d.jit.cpu().reset(1, CpuRig.CODE);
            for (CpuRig r : new CpuRig[] {d.interp, d.jit}) {
                r.cpu().sys().vbar[1] = vbar;
                r.enableIdentityMmu();
                java.util.Arrays.fill(r.s().x, 0);
            }
        }
    }

    @Test
    void chainedBlocksSeeCodeWrittenByAnotherVcpu() throws Exception {
        CpuRig rig = new CpuRig(ModeDiff.JIT);
        rig.load("""
                1:  add x0, x0, #1
                    b 2f
                2:  add x1, x1, #1
                    b 1b
                """);
        CompletableFuture<CpuExit> exit = CompletableFuture.supplyAsync(() -> {
            CpuExit x;
            do {
                x = rig.cpu().run(10_000_000);
            } while (x == CpuExit.BUDGET);
            return x;
        });
        while (rig.cpu().instructions < 200_000) {
            Thread.onSpinWait();
        }
        CompiledBlock first = Jit.compiled(rig.cpu().blocks().blockAt(CpuRig.CODE));
        assertNotNull(first.exit0, "the loop runs chained");

        // A second vCPU (its own bus view of the RAM, as on the virt board) stores WFI over "2:".
        PhysicalBus view = new PhysicalBus(new ReentrantLock());
        view.addRam(rig.ram());
        A64Cpu second = new A64Cpu(new TestCpuEnvironment(view, 1, 1, null, () -> false));
        long code = CpuRig.CODE + 0x1000;
        view.load(code, Asm.assemble("""
                    ldr x2, =%d
                    ldr w1, =%d
                    str w1, [x2]
                    wfi
                """.formatted(CpuRig.CODE + 8, WFI)));
        second.reset(1, code);
        assertEquals(CpuExit.WFI, second.run(100));

        assertEquals(CpuExit.WFI, exit.get(60, TimeUnit.SECONDS));
        assertEquals(CpuRig.CODE + 12, rig.s().pc);
    }

    /** Maps virtual 2 MiB block 2 (0x4040_0000) to physical {@code pa}, EL1 read/write/execute. */
    private static long block2(long pa) {
        return pa | 0x701L;
    }

    private static void placeFunctions(CpuRig r) {
        r.bus().load(0x4040_0000L, Asm.assemble("mov x0, #1\nret\n"));
        r.bus().load(0x4060_0000L, Asm.assemble("mov x0, #2\nret\n"));
        r.bus().write(L2 + 16, 8, block2(0x4040_0000L));
        r.cpu().mmu().invalidate(TlbInvalidation.ALL);
    }

    /** 100 calls of the function at X5, adding its X0 results into X1; {@code label} is a local label number. */
    private static String calls(int label) {
        return """
                    mov x20, #100
                %d:  blr x5
                    add x1, x1, x0
                    sub x20, x20, #1
                    cbnz x20, %db
                """.formatted(label, label);
    }

    @Test
    void theLookupCacheIsDroppedByTlbInvalidation() {
        ModeDiff d = new ModeDiff();
        placeFunctions(d.interp);
        placeFunctions(d.jit);
        String program = """
                    ldr x5, =0x40400000
                    ldr x6, =%d
                    ldr x7, =%d
                """.formatted(L2 + 16, block2(0x4060_0000L)) + calls(1) + """
                    str x7, [x6]
                    dsb ishst
                    tlbi vmalle1
                    dsb ish
                    isb
                """ + calls(3) + "wfi\n";
        assertEquals(CpuExit.WFI, d.runInSlices(program, 10_000_000));
        assertEquals(100 * 1 + 100 * 2, d.jit.s().x[1], "the second loop calls the newly mapped function");
    }

    @Test
    void theLookupCacheIsDroppedByAContextSwitch() {
        ModeDiff d = new ModeDiff();
        long l1 = CpuRig.DATA + 0x10_000;
        long l2 = l1 + 0x1000;
        for (CpuRig r : new CpuRig[] {d.interp, d.jit}) {
            placeFunctions(r);
            // a second set of tables, the same but for block 2, with the same ASID
            byte[] page = new byte[0x1000];
            r.ram().readBytes(L1, page, 0, page.length);
            r.bus().load(l1, page);
            r.ram().readBytes(L2, page, 0, page.length);
            r.bus().load(l2, page);
            r.bus().write(l1 + 8, 8, l2 | 0b11);
            r.bus().write(l2 + 16, 8, block2(0x4060_0000L));
        }
        String program = """
                    ldr x5, =0x40400000
                    ldr x6, =%d
                """.formatted(l1) + calls(1) + """
                    msr ttbr0_el1, x6
                    isb
                """ + calls(3) + "wfi\n";
        assertEquals(CpuExit.WFI, d.runInSlices(program, 10_000_000));
        assertEquals(100 * 1 + 100 * 2, d.jit.s().x[1], "the second loop calls the function of the new tables");
    }
}
