package org.emu4e.engine.board.virt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.emu4e.engine.testing.Asm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-modifying code on two vCPUs (ARM ARM B2.4.4): core 1 keeps calling a function and
 * publishing what it returns; core 0 rewrites the function's first instruction, with and
 * without the cache-maintenance sequence, and waits until core 1 runs the new code. Core 1's
 * translated block of the function is on its own thread; only invalidation by the write on
 * core 0 (and IC IVAU) makes it see the change.
 */
class CrossModifyingCodeTest {
    private static final String PROGRAM = """
                ldr x0, =0xC4000003        // PSCI CPU_ON core 1 at worker
                mov x1, #1
                adr x2, worker
                mov x3, #0
                hvc #0
                adr x5, result
                adr x6, patchable
            1:  ldr x7, [x5]               // wait for the original code to run
                cmp x7, #1
                b.ne 1b
                ldr w8, =0xd2800040        // mov x0, #2 (plain store, no maintenance)
                str w8, [x6]
            2:  ldr x7, [x5]
                cmp x7, #2
                b.ne 2b
                ldr w8, =0xd2800060        // mov x0, #3 with DC CVAU; DSB; IC IVAU; DSB
                str w8, [x6]
                dc cvau, x6
                dsb ish
                ic ivau, x6
                dsb ish
            3:  ldr x7, [x5]
                cmp x7, #3
                b.ne 3b
                ldr x9, =0x09000000
                mov w10, #'O'
                str w10, [x9]
                mov w10, #'K'
                str w10, [x9]
                mov w10, #10
                str w10, [x9]
                ldr x0, =0x84000008        // SYSTEM_OFF
                hvc #0
            4:  b 4b

            worker:
                adr x5, result
            5:  bl patchable
                str x0, [x5]
                isb
                b 5b

                .balign 64
            patchable:
                mov x0, #1
                ret

                .balign 8
            result:
                .quad 0
            """;

    @Test
    void aCoreSeesCodeRewrittenByAnotherCore(@TempDir Path tmp) throws Exception {
        Path raw = tmp.resolve("xmc.bin");
        Files.write(raw, Asm.assemble(PROGRAM));
        // A core that never runs the new code never powers off.
        assertEquals("OK\n", GuestRun.untilPowerOff(VirtConfig.defaults().withCpus(2).withKernel(raw),
                Duration.ofSeconds(60)));
    }
}
