package org.emu4e.engine.board.virt;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.emu4e.engine.board.fdt.Dtc;
import org.emu4e.engine.board.fdt.FdtWriter;
import org.emu4e.engine.cli.CliProcess;
import org.emu4e.engine.testing.Asm;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RAM above 2 GiB (-m 4G): the device tree's 64-bit memory size, a guest storing and loading
 * on both sides of the 2 GiB and 4 GiB physical lines, on emu4e (a fresh JVM, as the launcher
 * runs it) and on QEMU 7.2. Guest RAM is allocated on first touch, so this costs a few chunks.
 */
class BigRamTest {
    /** Stores a pattern at the last and first double-words around 2 GiB, 4 GiB and the top of 4G RAM. */
    static final String GUEST = """
            ldr x2, =0x1122334455667788
            adr x5, addrs
            mov x6, #6
            1: ldr x1, [x5], #8
            str x2, [x1]
            add x2, x2, #1
            subs x6, x6, #1
            b.ne 1b
            ldr x2, =0x1122334455667788
            adr x5, addrs
            mov x6, #6
            mov x7, #0x41                 // 'A' + number of matches
            2: ldr x1, [x5], #8
            ldr x4, [x1]
            cmp x4, x2
            cinc x7, x7, eq
            add x2, x2, #1
            subs x6, x6, #1
            b.ne 2b
            ldr x3, =0x09000000           // PL011 data register
            strb w7, [x3]
            mov w4, #10
            strb w4, [x3]
            ldr x0, =0x84000008           // PSCI SYSTEM_OFF
            hvc #0
            3: b 3b
            .balign 8
            addrs: .quad 0x7ffffff8, 0x80000000, 0xfffffff8, 0x100000000, 0x13ffffff8, 0x40100000
            """;

    @Test
    void deviceTreeHasTheSixtyFourBitSize() throws Exception {
        String dts = Dtc.decompile(FdtWriter.write(VirtDeviceTree.build(VirtConfig.defaults().withRam(4L << 30),
                new VirtDeviceTree.Chosen("", 0, 0)), List.of(), 0));
        assertTrue(Dtc.node(dts, "memory@40000000").contains("reg = <0x00 0x40000000 0x01 0x00>;"), dts);
        dts = Dtc.decompile(FdtWriter.write(VirtDeviceTree.build(VirtConfig.defaults().withRam(255L << 30),
                new VirtDeviceTree.Chosen("", 0, 0)), List.of(), 0));
        assertTrue(Dtc.node(dts, "memory@40000000").contains("reg = <0x00 0x40000000 0x3f 0xc0000000>;"), dts);
    }

    @Test
    void guestUsesRamAboveTwoAndFourGiB(@TempDir Path tmp) throws Exception {
        Path raw = tmp.resolve("bigram.bin");
        Files.write(raw, Asm.assemble(GUEST));
        var r = CliProcess.run(List.of("-XX:MaxDirectMemorySize=5g"),
                List.of("-M", "virt", "-m", "4G", "-nographic", "-kernel", raw.toString()), 60);
        assertEquals(0, r.exit(), r.err());
        assertEquals("G\n", r.out(), "all six double-words read back ('A' + 6); stderr: " + r.err());
        assertEquals("G\n", qemu(raw));
    }

    @Test
    void ramTheJvmCannotGiveIsAOneLineError(@TempDir Path tmp) throws Exception {
        Path raw = tmp.resolve("bigram.bin");
        Files.write(raw, Asm.assemble(GUEST));
        var r = CliProcess.run(List.of("-XX:MaxDirectMemorySize=64m"),
                List.of("-m", "1G", "-nographic", "-kernel", raw.toString()), 60);
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("emu4e: cannot provide 1024 MiB of guest RAM"), r.err());
        assertTrue(r.err().contains("-XX:MaxDirectMemorySize=1024m"), r.err());
    }

    private static String qemu(Path raw) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a53", "-m", "4G",
                    "-nographic", "-monitor", "none", "-serial", "stdio", "-kernel", raw.toString())
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("qemu-system-aarch64 not installed");
            return null;
        }
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("QEMU did not power off");
        }
        return new String(p.getInputStream().readAllBytes()).replace("\r", "");
    }
}
