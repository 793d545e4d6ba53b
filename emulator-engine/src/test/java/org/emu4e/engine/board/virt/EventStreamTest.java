package org.emu4e.engine.board.virt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.RunState;
import org.emu4e.engine.cpu.a64.CpuContext;
import org.emu4e.engine.testing.Asm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic timer's event stream (ARM ARM D11.2.3) wakes WFE on the virt board: with
 * CNTKCTL_EL1.EVNTEN a WFE with nothing else to wake it completes at the next transition of
 * the selected CNTVCT bit, so 20 WFEs span at least 19 stream periods of guest time (each
 * one waits for its own event rather than returning at once); without the stream the same
 * WFE sleeps.
 */
class EventStreamTest {
    /** x0: CNTKCTL_EL1 value. Result: x21 WFEs completed, x22 counts elapsed (CNTVCT). */
    private static final String PROGRAM = """
                msr daifset, #0xf
                msr cntkctl_el1, x0
                isb
                sevl
                wfe                        // consume the local event: the register starts clear
                mov x21, #0
                isb
                mrs x20, cntvct_el0
            1:  wfe
                add x21, x21, #1
                cmp x21, #20
                b.ne 1b
                isb
                mrs x22, cntvct_el0
                sub x22, x22, x20
                mov x23, #1
            2:  b 2b
            """;

    private Machine boot(Path tmp, long cntkctl) throws Exception {
        Path raw = tmp.resolve("evs.bin");
        Files.write(raw, Asm.assemble("ldr x0, =" + cntkctl + "\n" + PROGRAM));
        Machine m = VirtMachine.create(VirtConfig.defaults().withKernel(raw));
        m.start();
        return m;
    }

    @Test
    void everyWfeEndsAtTheNextStreamEvent(@TempDir Path tmp) throws Exception {
        int evnti = 12; // bit 12 of CNTVCT: a rising edge every 2^13 counts (131 us at 62.5 MHz)
        Machine m = boot(tmp, 1 << 2 | evnti << 4);
        try {
            await(() -> reg(m, 23) == 1);
            assertEquals(20, reg(m, 21));
            assertTrue(reg(m, 22) >= 19L << (evnti + 1), "20 WFEs took at least 19 periods: " + reg(m, 22));
        } finally {
            m.shutdown();
        }
    }

    @Test
    void withoutTheStreamWfeSleeps(@TempDir Path tmp) throws Exception {
        Machine m = boot(tmp, 0);
        try {
            assertTrue(m.vcpu(0).awaitState(RunState.WFE, Duration.ofSeconds(30)));
            Thread.sleep(50);
            assertEquals(RunState.WFE, m.vcpu(0).state());
            assertEquals(0, reg(m, 21));
            m.vcpu(0).runSync(ctx -> CpuContext.cpuOf(ctx).env().timer().write(
                    org.emu4e.engine.cpu.a64.GenericTimerAccess.Reg.CNTKCTL, 1 << 2 | 8 << 4));
            await(() -> reg(m, 23) == 1); // the stream, enabled by the host, ends the waits
            assertEquals(20, reg(m, 21));
        } finally {
            m.shutdown();
        }
    }

    private static long reg(Machine m, int n) {
        return m.vcpu(0).callSync(ctx -> CpuContext.cpuOf(ctx).state().x[n]);
    }

    private static void await(BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!cond.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out");
            Thread.sleep(5);
        }
    }
}
