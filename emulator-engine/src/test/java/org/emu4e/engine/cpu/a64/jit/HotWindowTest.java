package org.emu4e.engine.cpu.a64.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.emu4e.engine.api.ExecConfig;
import org.emu4e.engine.api.ExecMode;
import org.emu4e.engine.cpu.a64.CpuExit;
import org.emu4e.engine.testing.CpuRig;
import org.junit.jupiter.api.Test;

/**
 * When a block is translated: after more than the threshold's entries, counted by the
 * dispatcher, that all fall within the window; a block entered more slowly stays interpreted
 * and still computes the interpreter's result.
 */
class HotWindowTest {
    /**
     * X2 iterations of a loop; the first runs in the block at CODE (from the MOV), each further
     * one enters the one-block loop at CODE + 4 through the dispatcher until it is translated.
     */
    private static final String LOOP = """
                mov x0, #0
            1:  add x0, x0, x2
                subs x2, x2, #1
                b.ne 1b
                wfi
            """;
    private static final long LOOP_PC = CpuRig.CODE + 4;

    private static CpuRig run(ExecConfig exec, long iterations) {
        CpuRig rig = new CpuRig(exec);
        rig.load(LOOP);
        rig.s().x[2] = iterations;
        assertEquals(CpuExit.WFI, rig.run(10_000_000));
        assertEquals(iterations * (iterations + 1) / 2, rig.s().x[0], "sum of 1.." + iterations);
        return rig;
    }

    private static CompiledBlock loopCode(CpuRig rig) {
        return Jit.compiled(rig.cpu().blocks().blockAt(LOOP_PC));
    }

    @Test
    void aBlockIsTranslatedOnlyAfterMoreThanThresholdEntries() {
        ExecConfig noWindow = new ExecConfig(ExecMode.JIT, 5, 0);
        assertNull(loopCode(run(noWindow, 6)), "five entries: still interpreted");
        assertNotNull(loopCode(run(noWindow, 7)), "the sixth entry translates");
    }

    @Test
    void entriesSpreadBeyondTheWindowNeverTranslate() {
        // One nanosecond: no six block entries fit, so each count starts again.
        CpuRig slow = run(new ExecConfig(ExecMode.JIT, 5, 1), 20_000);
        assertNull(loopCode(slow), "never hot enough");
        CpuRig hour = run(new ExecConfig(ExecMode.JIT, 5, 3_600_000_000_000L), 20_000);
        assertNotNull(loopCode(hour), "within an hour");
    }

    @Test
    void theWindowComesFromItsPropertyAndRejectsNonsense() {
        assertEquals(ExecConfig.DEFAULT_WINDOW_MS * 1_000_000L, new ExecConfig(ExecMode.JIT, 7).windowNanos());
        String old = System.getProperty(ExecConfig.WINDOW_PROPERTY);
        try {
            System.setProperty(ExecConfig.WINDOW_PROPERTY, "0");
            assertEquals(0, ExecConfig.defaultWindowNanos());
            System.setProperty(ExecConfig.WINDOW_PROPERTY, "3");
            assertEquals(3_000_000L, ExecConfig.defaultWindowNanos());
            System.setProperty(ExecConfig.WINDOW_PROPERTY, "soon");
            assertThrows(IllegalArgumentException.class, ExecConfig::defaultWindowNanos);
        } finally {
            if (old == null) {
                System.clearProperty(ExecConfig.WINDOW_PROPERTY);
            } else {
                System.setProperty(ExecConfig.WINDOW_PROPERTY, old);
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> new ExecConfig(ExecMode.JIT, 1, -1));
    }
}
