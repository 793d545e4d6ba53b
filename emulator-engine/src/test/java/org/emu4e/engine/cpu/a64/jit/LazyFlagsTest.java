package org.emu4e.engine.cpu.a64.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.emu4e.engine.api.DebugHooks;
import org.emu4e.engine.cpu.a64.CpuExit;
import org.emu4e.engine.testing.CpuRig;
import org.junit.jupiter.api.Test;

/**
 * Translated code keeps NZCV lazily (the last flag setter's operands); wherever the guest or
 * a debugger can see the flags they are exact: in SPSR_EL1 and PSTATE after a fault inside the
 * block, and in the CPU state at a breakpoint inside a translated block, as the GDB stub reads
 * it. Every-condition coverage against QEMU is {@code difftest.FlagConditionsQemuTest}.
 */
class LazyFlagsTest {
    /**
     * The load faults (its address register is turned into an unmapped one on the third pass)
     * after a CMP whose flags are lazy, and after an ADDS whose flags the CMP overwrote; the
     * vector at VBAR_EL1 + 0x200 (current EL, SPx, synchronous) is the end of the code.
     */
    private static final String FAULT = """
                ldr x1, =0x40800000
                ldr x7, =0x7f000000
                mov x2, #3
                mov x8, #-1
            1:  adds x3, x8, x2
                sub x2, x2, #1
                cmp x2, #1
                ldr x5, [x1]
                add x6, x6, #7
                csel x1, x7, x1, eq
                b.hs 1b
                b .
                .ltorg
                .balign 0x800
            vectors:
                .skip 0x200
            """;

    @Test
    void aFaultAfterLazyFlagsSavesTheExactFlags() {
        ModeDiff diff = new ModeDiff();
        for (CpuRig rig : new CpuRig[] {diff.interp, diff.jit}) {
            rig.load(FAULT);
            rig.cpu().sys().vbar[1] = rig.codeEnd - 0x200;
        }
        CpuExit exit = diff.run(FAULT);
        assertEquals(CpuExit.BUDGET, exit);
        assertEquals(diff.jit.codeEnd, diff.jit.s().pc, "took the synchronous exception to VBAR_EL1 + 0x200");
        assertEquals(0x25, diff.jit.cpu().sys().esr[1] >>> 26, "a data abort at the same EL");
        assertEquals(0x7f00_0000L, diff.jit.cpu().sys().far[1]);
        // CMP 0, #1: N=1 Z=0 C=0 V=0 (the faulting pass has X2 = 0)
        assertEquals(0b1000L, diff.jit.cpu().sys().spsr[1] >>> 28 & 0xF, "SPSR_EL1.NZCV of the CMP");
        assertEquals(diff.interp.cpu().sys().spsr[1], diff.jit.cpu().sys().spsr[1], "SPSR_EL1");
        assertEquals(0b1000, diff.jit.s().nzcv);
        assertTrue(diff.translatedSome);
    }

    /**
     * A loop that is one block keeps the last CMP's flags lazy across its back edge; the load at
     * the top of the third pass faults with them: Z and C of CMP 1, #1.
     */
    @Test
    void aFaultAtTheTopOfALoopSavesTheFlagsOfThePreviousPass() {
        String loop = """
                    ldr x1, =0x40800000
                    ldr x7, =0x7f000000
                    mov x2, #3
                1:  ldr x5, [x1]
                    sub x2, x2, #1
                    cmp x2, #1
                    csel x1, x7, x1, eq
                    b.hs 1b
                    b .
                    .ltorg
                    .balign 0x800
                vectors:
                    .skip 0x200
                """;
        ModeDiff diff = new ModeDiff();
        for (CpuRig rig : new CpuRig[] {diff.interp, diff.jit}) {
            rig.load(loop);
            rig.cpu().sys().vbar[1] = rig.codeEnd - 0x200;
        }
        diff.run(loop);
        assertEquals(diff.jit.codeEnd, diff.jit.s().pc, "took the synchronous exception to VBAR_EL1 + 0x200");
        assertEquals(0x7f00_0000L, diff.jit.cpu().sys().far[1]);
        assertEquals(0b0110L, diff.jit.cpu().sys().spsr[1] >>> 28 & 0xF, "SPSR_EL1.NZCV of CMP 1, #1");
        assertEquals(diff.interp.cpu().sys().spsr[1], diff.jit.cpu().sys().spsr[1], "SPSR_EL1");
        assertTrue(diff.translatedSome);
    }

    /**
     * Breakpoints inside a translated loop body, after flag setters (at NOPs, which end blocks,
     * so the stops cut translated blocks short): the CPU state the GDB stub reads there holds
     * the NZCV of the last setter before each, for every kind of setter.
     */
    @Test
    void aBreakpointAfterLazyFlagsSeesThem() {
        String loop = """
                    mov x0, #0
                    mov x9, #5
                1:  add x0, x0, #1
                    adds x1, x0, x9
                    ands x2, x0, #1
                    nop
                    subs x3, x0, #3
                    nop
                    tst x0, #0x8000000000000000
                    nop
                    cmn w0, #2
                    nop
                    b 1b
                """;
        CpuRig rig = new CpuRig(ModeDiff.JIT);
        rig.load(loop);
        long body = CpuRig.CODE + 8;
        assertEquals(CpuExit.BUDGET, rig.cpu().run(2 + 11 * 50)); // 50 iterations: translated
        assertTrue(rig.cpu().blocks().blockAt(body).translatorState() != null, "the loop body is translated");
        Set<Long> stops = Set.of(body + 12, body + 20, body + 28, body + 36);
        rig.cpu().debug = new DebugHooks() {
            @Override public boolean breakpointAt(long pc) { return stops.contains(pc); }

            @Override public boolean anyBreakpointIn(long from, long to) {
                return stops.stream().anyMatch(a -> a >= from && a < to);
            }

            @Override public long watchpointHit(long va, int size, boolean write) { return -1; }

            @Override public boolean hasWatchpoints() { return false; }
        };
        // iteration 51: X0 = 51; ANDS 51 & 1 = 1: N=0 Z=0 C=0 V=0; SUBS 51 - 3: C=1;
        // TST: Z=1; CMN w0, #2: 53, C=0
        int[] expected = {0b0000, 0b0010, 0b0100, 0b0000};
        for (int k = 0; k < 4; k++) {
            assertEquals(CpuExit.BREAKPOINT, rig.cpu().run(1_000_000));
            assertEquals(body + 12 + 8 * k, rig.s().pc);
            assertEquals(51, rig.s().x[0]);
            assertEquals(expected[k], rig.s().nzcv, "NZCV at the breakpoint " + k);
            rig.cpu().skipBreakpointOnce = true; // as the stub does when resuming
        }
    }
}
