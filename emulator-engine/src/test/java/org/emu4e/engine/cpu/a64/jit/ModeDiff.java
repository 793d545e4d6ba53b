package org.emu4e.engine.cpu.a64.jit;

import org.emu4e.engine.api.ExecConfig;
import org.emu4e.engine.api.ExecMode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emu4e.engine.cpu.a64.CpuExit;
import org.emu4e.engine.cpu.a64.tb.TranslationBlock;
import org.emu4e.engine.testing.Asm;
import org.emu4e.engine.testing.CpuRig;

/**
 * Runs one program on an interpreting rig and on a translating rig (threshold 0: every block
 * translated at its first entry) and compares the architectural results.
 */
final class ModeDiff {
    static final ExecConfig JIT = new ExecConfig(ExecMode.JIT, 0);
    static final ExecConfig INTERP = new ExecConfig(ExecMode.INTERP, 0);

    final CpuRig interp = new CpuRig(INTERP);
    final CpuRig jit = new CpuRig(JIT);

    /** Loads {@code asm} in both, runs to its end, asserts equal state; returns the jit rig's exit. */
    CpuExit run(String asm, long... x) {
        interp.load(asm);
        jit.load(asm);
        for (int i = 0; i < x.length; i++) {
            interp.s().x[i] = x[i];
            jit.s().x[i] = x[i];
        }
        CpuExit a = interp.run(10_000_000);
        long before = Jit.translations();
        CpuExit b = jit.run(10_000_000);
        assertEquals(a, b, "exit");
        assertSame();
        translatedSome = Jit.translations() > before;
        assertEveryBlockTranslates(Asm.assemble(asm).length);
        return b;
    }

    /**
     * Translates the block at every instruction of the program directly: the translator must
     * not fail on any of them (the dispatcher would quietly keep such a block interpreted).
     */
    private void assertEveryBlockTranslates(int bytes) {
        for (long pc = CpuRig.CODE; pc < CpuRig.CODE + bytes; pc += 4) {
            TranslationBlock tb = interp.cpu().blocks().blockAt(pc);
            if (tb != null) {
                long at = pc;
                assertDoesNotThrow(() -> BlockCompiler.compile(tb, tb.length(), at),
                        () -> "translating the block at 0x" + Long.toHexString(at));
            }
        }
    }

    boolean translatedSome;

    /**
     * Loads {@code asm} in both and runs it with plain {@code A64Cpu.run(budget)} calls (no
     * debug hooks, so translated blocks chain) until an exit other than the budget, asserting
     * equal exits and state after every call; returns that exit.
     */
    CpuExit runInSlices(String asm, long budget) {
        interp.load(asm);
        jit.load(asm);
        CpuExit a;
        CpuExit b;
        long total = 0;
        do {
            a = interp.cpu().run(budget);
            b = jit.cpu().run(budget);
            assertEquals(a, b, "exit, budget " + budget);
            assertSame();
            total += budget;
        } while (a == CpuExit.BUDGET && total < 50_000_000);
        return b;
    }

    void assertSame() {
        assertArrayEquals(interp.s().x, jit.s().x, "X registers");
        assertArrayEquals(interp.s().sp, jit.s().sp, "SP");
        assertEquals(interp.s().nzcv, jit.s().nzcv, "NZCV");
        assertArrayEquals(interp.s().vlo, jit.s().vlo, "V registers, low halves");
        assertArrayEquals(interp.s().vhi, jit.s().vhi, "V registers, high halves");
        assertEquals(interp.s().fpsr, jit.s().fpsr, "FPSR");
        assertEquals(interp.s().pc, jit.s().pc, "PC");
        assertEquals(interp.cpu().instructions, jit.cpu().instructions, "instructions retired");
        byte[] a = new byte[0x2000];
        byte[] b = new byte[0x2000];
        interp.ram().readBytes(CpuRig.DATA, a, 0, a.length);
        jit.ram().readBytes(CpuRig.DATA, b, 0, b.length);
        assertArrayEquals(a, b, "data at CpuRig.DATA");
        assertEquals(interp.cpu().sys().esr[1], jit.cpu().sys().esr[1], "ESR_EL1");
        assertEquals(interp.cpu().sys().elr[1], jit.cpu().sys().elr[1], "ELR_EL1");
        assertEquals(interp.cpu().sys().far[1], jit.cpu().sys().far[1], "FAR_EL1");
    }
}
