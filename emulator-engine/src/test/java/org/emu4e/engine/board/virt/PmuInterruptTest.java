package org.emu4e.engine.board.virt;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.emu4e.engine.board.fdt.Dtc;
import org.emu4e.engine.board.fdt.FdtWriter;
import org.emu4e.engine.testing.Asm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The PMU's interrupt (SPI 9, INTID 41) on the virt board, with either GIC (GICD_ISPENDR1 is at
 * the same offset in both): guest code on CPU 0 enables it for
 * CPU 1, halts CPU 1 through HALT_SET and sees the line (GICD_ISPENDR1 bit 9) rise, reads
 * IRQ_STATUS, acknowledges it and sees the line fall, releases CPU 1 and sees it rise again.
 */
class PmuInterruptTest {
    static final String GUEST = """
            ldr x3, =0x09000000           // PL011 data
            ldr x9, =0x090C0000           // PMU
            ldr x10, =0x08000000          // GIC distributor
            mov w0, #2                    // CPU 1
            str w0, [x9, #0x38]           // IRQ_ENABLE
            str w0, [x9, #0x10]           // HALT_SET: CPU 1 (off) becomes PMU-halted
            1: ldr w1, [x10, #0x204]      // GICD_ISPENDR1: INTID 41 is bit 9
            tbz w1, #9, 1b
            mov w4, #'H'
            strb w4, [x3]
            ldr w1, [x9, #0x30]           // IRQ_STATUS
            add w4, w1, #'0'
            strb w4, [x3]
            str w0, [x9, #0x34]           // IRQ_ACK
            2: ldr w1, [x10, #0x204]
            tbnz w1, #9, 2b
            mov w4, #'A'
            strb w4, [x3]
            str w0, [x9, #0x14]           // HALT_CLR: CPU 1 leaves the halted state
            3: ldr w1, [x10, #0x204]
            tbz w1, #9, 3b
            mov w4, #'R'
            strb w4, [x3]
            ldr w1, [x9, #0x30]
            add w4, w1, #'0'
            strb w4, [x3]
            mov w4, #10
            strb w4, [x3]
            ldr x0, =0x84000008           // PSCI SYSTEM_OFF
            hvc #0
            4: b 4b
            """;

    @ParameterizedTest(name = "GICv{0}")
    @ValueSource(ints = {2, 3})
    void haltAndResumeRaiseTheSpi(int gic, @TempDir Path tmp) throws Exception {
        Path raw = tmp.resolve("pmu-irq.bin");
        Files.write(raw, Asm.assemble(GUEST));
        assertEquals("H2AR2\n", GuestRun.untilPowerOff(
                VirtConfig.defaults().withGicVersion(gic).withCpus(2).withKernel(raw), Duration.ofSeconds(30)));
    }

    @Test
    void deviceTreeNamesTheSpi() throws Exception {
        String dts = Dtc.decompile(FdtWriter.write(VirtDeviceTree.build(VirtConfig.defaults(),
                new VirtDeviceTree.Chosen("", 0, 0)), List.of(), 0));
        assertTrue(Dtc.node(dts, "pmu@90c0000").contains("interrupts = <0x00 0x09 0x04>;"), dts);
    }
}
