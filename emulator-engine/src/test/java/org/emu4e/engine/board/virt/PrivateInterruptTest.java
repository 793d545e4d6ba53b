package org.emu4e.engine.board.virt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
 * {@code Vcpu.raiseInterrupt}: a host-driven private peripheral interrupt (PPI 23, the PMU
 * overflow line on virt) reaches the guest through the GICv2, wakes it from WFI, and, raised
 * while the vCPU is PMU-halted, stays pending until the resume instead of being lost.
 */
class PrivateInterruptTest {
    /** x21 counts IRQs taken, x22 holds the last INTID acknowledged. */
    private static final String PROGRAM = """
                adr x0, vectors
                msr vbar_el1, x0
                ldr x1, =0x08000000
                mov w2, #1
                str w2, [x1]               // GICD_CTLR
                mov w2, #(1 << 23)
                str w2, [x1, #0x100]       // GICD_ISENABLER0: PPI 23
                ldr x3, =0x08010000
                mov w2, #0xf0
                str w2, [x3, #4]           // GICC_PMR
                mov w2, #1
                str w2, [x3]               // GICC_CTLR
                mov x21, #0
                msr daifclr, #2
            1:  wfi
                b 1b
                .balign 2048
            vectors:
                .skip 0x280
                ldr w22, [x3, #0xc]        // GICC_IAR
                str w22, [x3, #0x10]       // GICC_EOIR
                add x21, x21, #1
                mov w2, #(1 << 23)
                str w2, [x1, #0x180]       // GICD_ICENABLER0: one delivery per raise is enough
                eret
            """;

    @Test
    void aRaisedPpiIsTakenAndOneRaisedWhileHaltedWaitsForTheResume(@TempDir Path tmp) throws Exception {
        Path raw = tmp.resolve("ppi.bin");
        Files.write(raw, Asm.assemble(PROGRAM));
        Machine m = VirtMachine.create(VirtConfig.defaults().withKernel(raw));
        try {
            m.start();
            assertTrue(m.vcpu(0).awaitState(RunState.WFI, Duration.ofSeconds(30)));
            m.vcpu(0).raiseInterrupt(23);
            await(() -> reg(m, 21) == 1);
            assertEquals(23, reg(m, 22));
            m.vcpu(0).lowerInterrupt(23);
            assertTrue(m.vcpu(0).awaitState(RunState.WFI, Duration.ofSeconds(30)));

            // Re-enable the line, halt the core through the PMU, raise while halted.
            m.vcpu(0).runSync(ctx -> CpuContext.cpuOf(ctx).bus().write(0x0800_0100L, 4, 1L << 23));
            m.pmu().halt(0);
            assertTrue(m.vcpu(0).awaitState(RunState.PMU_HALTED, Duration.ofSeconds(30)));
            m.vcpu(0).raiseInterrupt(23);
            Thread.sleep(100);
            assertEquals(RunState.PMU_HALTED, m.vcpu(0).state());
            assertEquals(1, reg(m, 21), "no interrupt taken while PMU-halted");
            m.pmu().resume(0);
            await(() -> reg(m, 21) == 2);
            m.vcpu(0).lowerInterrupt(23);

            assertThrows(IllegalArgumentException.class, () -> m.vcpu(0).raiseInterrupt(33));
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
