package org.emu4e.engine.cpu.a64.jit;

import org.emu4e.engine.api.ExecConfig;
import org.emu4e.engine.api.ExecMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.HashSet;
import java.util.Set;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuExit;
import org.emu4e.engine.api.DebugHooks;
import org.emu4e.engine.cpu.a64.tb.TranslationBlock;
import org.emu4e.engine.testing.CpuRig;
import org.junit.jupiter.api.Test;

/**
 * What a debugger sees when it stops inside a block that already runs as translated code: a
 * breakpoint in the middle of the block stops before that instruction with the registers of
 * the instructions before it, a single step executes exactly one instruction, and resuming
 * goes on in translated code. The GDB stub drives the CPU the same way (its tests also run
 * with {@code -Demu4e.exec=jit}).
 */
class DebugInTranslatedCodeTest {
    private static final String LOOP = """
                mov x0, #0
                mov x1, #0
            1:  add x0, x0, #1
                add x1, x1, x0
                eor x2, x1, x0
                add x3, x3, #5
                b 1b
            """;

    /** Breakpoints as the GDB stub keeps them: a set of addresses. */
    private static final class Breakpoints implements DebugHooks {
        final Set<Long> at = new HashSet<>();

        @Override public boolean breakpointAt(long pc) { return at.contains(pc); }

        @Override public boolean anyBreakpointIn(long from, long to) {
            return at.stream().anyMatch(a -> a >= from && a < to);
        }

        @Override public long watchpointHit(long va, int size, boolean write) { return -1; }

        @Override public boolean hasWatchpoints() { return false; }
    }

    @Test
    void breakpointStepAndResumeInsideATranslatedLoop() {
        CpuRig rig = new CpuRig(new ExecConfig(ExecMode.JIT, 0));
        rig.load(LOOP);
        A64Cpu cpu = rig.cpu();
        Breakpoints bps = new Breakpoints();
        cpu.debug = bps;
        long loop = CpuRig.CODE + 8;
        assertEquals(CpuExit.BUDGET, cpu.run(2 + 5 * 100)); // 100 iterations: the loop body is translated
        TranslationBlock body = cpu.blocks().blockAt(loop);
        assertNotNull(body.translatorState(), "the loop block has translator state");
        assertEquals(100, rig.s().x[0]);

        bps.at.add(loop + 8); // the EOR, third instruction of the translated block
        assertEquals(CpuExit.BREAKPOINT, cpu.run(1_000_000));
        assertEquals(loop + 8, rig.s().pc);
        assertEquals(101, rig.s().x[0], "the ADD before the breakpoint ran");
        assertEquals(5151, rig.s().x[1]);
        assertEquals(2 + 5 * 100 + 2, cpu.instructions);

        cpu.singleStep = true;
        cpu.skipBreakpointOnce = true; // as the stub does when resuming from a breakpoint
        assertEquals(CpuExit.STEP, cpu.run(1));
        cpu.singleStep = false;
        assertEquals(loop + 12, rig.s().pc);
        assertEquals(101 ^ 5151, rig.s().x[2]);

        bps.at.clear();
        assertEquals(CpuExit.BUDGET, cpu.run(2 + 5 * 10)); // resumed: rest of the iteration + 10 more
        assertEquals(loop, rig.s().pc);
        assertEquals(111, rig.s().x[0]);
        assertEquals(5 * 111, rig.s().x[3]);
    }
}
