package org.emu4e.engine.board.virt;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.runtime.MachineInternals;
import org.emu4e.engine.testing.Asm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full system on one vCPU: a raw binary and a Linux arm64 Image boot with x0 = device tree;
 * the virtual timer's PPI 27 wakes WFI through the GIC (IRQs masked: WFI still wakes,
 * ARM ARM D1.16.2); the UART prints; PSCI SYSTEM_OFF ends the run with exit code 0.
 */
class BootAndTimerSystemTest {
    /** Prints 'T', the ISTATUS bit as '4', 'D' if x0 points at a device tree, 'Z' if x1..x3 are 0. */
    private static final String PROGRAM = """
                mov x20, x0
                orr x21, x1, x2
                orr x21, x21, x3
                ldr x1, =0x08000000
                mov w2, #1
                str w2, [x1]
                mov w2, #(1 << 27)
                str w2, [x1, #0x100]
                ldr x3, =0x08010000
                mov w2, #0xf0
                str w2, [x3, #4]
                mov w2, #1
                str w2, [x3]
                ldr x4, =62500
                msr cntv_tval_el0, x4
                mov x4, #1
                msr cntv_ctl_el0, x4
            1:  wfi
                ldr w5, [x3, #0xc]
                cmp w5, #27
                b.ne 1b
                mrs x6, cntv_ctl_el0
                ldr x7, =0x09000000
                mov w8, #'T'
                str w8, [x7]
                and x6, x6, #4
                add w8, w6, #'0'
                str w8, [x7]
                mov x4, #0
                msr cntv_ctl_el0, x4
                str w5, [x3, #0x10]
                ldr w9, [x20]
                ldr w10, =0xedfe0dd0
                cmp w9, w10
                mov w8, #'D'
                mov w11, #'?'
                csel w8, w8, w11, eq
                str w8, [x7]
                mov w8, #'Z'
                cmp x21, #0
                csel w8, w8, w11, eq
                str w8, [x7]
                mov w8, #10
                str w8, [x7]
                ldr x0, =0x84000008
                hvc #0
            2:  b 2b
            """;

    private static final String IMAGE_HEADER = """
                b real
                .word 0
                .quad 0x80000
                .quad 0x10000
                .quad 0
                .quad 0, 0, 0
                .ascii "ARM\\x64"
                .word 0
            real:
            """;

    private static String boot(Path kernel, VirtConfig c) throws Exception {
        return GuestRun.untilPowerOff(c.withKernel(kernel), Duration.ofSeconds(30));
    }

    @Test
    void rawBinaryWithTimerInterrupt(@TempDir Path tmp) throws Exception {
        Path raw = tmp.resolve("prog.bin");
        Files.write(raw, Asm.assemble(PROGRAM));
        assertEquals("T4DZ\n", boot(raw, VirtConfig.defaults()));
    }

    @Test
    void linuxImageGetsDtbInX0(@TempDir Path tmp) throws Exception {
        Path img = tmp.resolve("Image");
        Files.write(img, Asm.assemble(IMAGE_HEADER + PROGRAM));
        assertEquals("T4DZ\n", boot(img, VirtConfig.defaults().withCpus(2).withAppend("console=ttyAMA0")));
    }

    @Test
    void cliWithGdbStubAndControlServer(@TempDir Path tmp) throws Exception {
        Path raw = tmp.resolve("prog.bin");
        Files.write(raw, Asm.assemble(PROGRAM));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new org.emu4e.engine.cli.Main(new java.io.PrintStream(out, true), new java.io.PrintStream(err, true),
                new java.io.ByteArrayInputStream(new byte[0]))
                .run(java.util.List.of("-kernel", raw.toString(), "-gdb", "tcp::0", "--control", "tcp:0", "-nographic"));
        assertEquals(0, code, err.toString());
        assertEquals("T4DZ\n", out.toString(StandardCharsets.US_ASCII));
        var m = java.util.regex.Pattern.compile("GDB stub listening on 127.0.0.1:(\\d+)").matcher(err.toString());
        assertTrue(m.find(), err.toString());
        assertTrue(err.toString().contains("control protocol listening on port"), err.toString());
        try (var probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1))));
        } // the stub's port is free again after the run
    }

    /** Waits (WFI, IRQs masked) for a UART RX interrupt on SPI 1, echoes the byte + 1, powers off. */
    private static final String ECHO = """
                ldr x1, =0x08000000
                mov w2, #1
                str w2, [x1]
                mov w2, #(1 << 1)
                str w2, [x1, #0x104]
                mov w2, #1
                strb w2, [x1, #0x821]
                ldr x3, =0x08010000
                mov w2, #0xf0
                str w2, [x3, #4]
                mov w2, #1
                str w2, [x3]
                ldr x7, =0x09000000
                mov w2, #(1 << 4)
                str w2, [x7, #0x38]
                mov w8, #'?'
                str w8, [x7]
            1:  wfi
                ldr w5, [x3, #0xc]
                cmp w5, #33
                b.ne 1b
                ldr w8, [x7]
                add w8, w8, #1
                str w8, [x7]
                str w5, [x3, #0x10]
                ldr x0, =0x84000008
                hvc #0
            2:  b 2b
            """;

    @Test
    void uartInputInterruptWakesWfi(@TempDir Path tmp) throws Exception {
        Path raw = tmp.resolve("echo.bin");
        Files.write(raw, Asm.assemble(ECHO));
        Machine m = VirtMachine.create(VirtConfig.defaults().withKernel(raw));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.util.concurrent.CountDownLatch prompt = new java.util.concurrent.CountDownLatch(1);
        m.console().addOutputListener(b -> {
            synchronized (out) {
                out.writeBytes(b);
            }
            prompt.countDown();
        });
        try {
            m.start();
            assertTrue(prompt.await(30, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(m.vcpu(0).awaitState(org.emu4e.engine.api.RunState.WFI, Duration.ofSeconds(30)));
            m.console().input(new byte[] {'a'});
            assertTrue(m.awaitShutdown(Duration.ofSeconds(30)), "no SYSTEM_OFF; output: " + out);
            assertEquals(0, m.exitCode());
        } finally {
            m.shutdown();
        }
        synchronized (out) {
            assertEquals("?b", out.toString(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void javaApiHaltShowsInPmuRegisters(@TempDir Path tmp) throws Exception {
        Path raw = tmp.resolve("spin.bin");
        Files.write(raw, Asm.assemble("1: add x1, x1, #1\n b 1b"));
        Machine m = VirtMachine.create(VirtConfig.defaults().withCpus(2).withKernel(raw));
        try {
            m.start();
            long pmu = VirtMemoryMap.Region.PMU.base();
            assertEquals(org.emu4e.engine.api.RunState.PMU_HALTED,
                    m.pmu().halt(0).get(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(1, MachineInternals.of(m).bus().read(pmu + org.emu4e.engine.devices.pmu.PmuController.HALT_LINES, 4));
            assertEquals(0x34, MachineInternals.of(m).bus().read(pmu + org.emu4e.engine.devices.pmu.PmuController.CPU_STATUS0, 4),
                    "cpu0 PMU halted (4), cpu1 PSCI off (3)");
            m.pmu().resume(0).get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(0, MachineInternals.of(m).bus().read(pmu + org.emu4e.engine.devices.pmu.PmuController.HALT_LINES, 4));
            assertEquals(0x30, MachineInternals.of(m).bus().read(pmu + org.emu4e.engine.devices.pmu.PmuController.CPU_STATUS0, 4));
        } finally {
            m.shutdown();
        }
    }

    @Test
    void initrdIsInRamWhereTheTreeSays(@TempDir Path tmp) throws Exception {
        Path raw = tmp.resolve("prog.bin");
        Files.write(raw, Asm.assemble(PROGRAM));
        Path initrd = tmp.resolve("initrd");
        Files.write(initrd, "INITRD-CONTENT".getBytes(StandardCharsets.US_ASCII));
        VirtBoard b = new VirtBoard(VirtConfig.defaults().withKernel(raw).withInitrd(initrd));
        String chosen = org.emu4e.engine.board.fdt.Dtc.node(
                org.emu4e.engine.board.fdt.Dtc.decompile(b.deviceTreeBlob()), "chosen");
        assertTrue(chosen.contains("linux,initrd-start = <0x00 0x44000000>;"), chosen);
        assertTrue(chosen.contains("linux,initrd-end = <0x00 0x4400000e>;"), chosen);
        assertEquals('I', b.bus().read(0x4400_0000L, 1));
        assertEquals(0x4420_0000L, b.deviceTreeAddress(), "2 MiB aligned after the initrd");
        b.close();
    }
}
