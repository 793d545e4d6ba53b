package org.emu4e.engine.board.virt;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.emu4e.engine.board.fdt.Dtc;
import org.emu4e.engine.cli.Main;
import org.emu4e.engine.testing.Asm;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The virt board's two 64 MiB flash banks at 0x0 and 0x04000000: read-only contents from -bios or
 * -drive if=pflash, zero elsewhere (as QEMU 7.2 reads them), QEMU's "cfi-flash" node, and firmware
 * boot: with -bios and no -kernel the boot CPU starts at 0x0 at EL1, on emu4e as on QEMU.
 */
class FlashTest {
    /** Firmware: prints "bios at EL<n>", 'D' if the device tree is at the start of RAM, then SYSTEM_OFF. */
    static final String BIOS = """
            ldr x3, =0x09000000
            adr x1, msg
            1: ldrb w2, [x1], #1
            cbz w2, 2f
            strb w2, [x3]
            b 1b
            2: mrs x4, CurrentEL
            lsr x4, x4, #2
            add w4, w4, #'0'
            strb w4, [x3]
            mov w4, #' '
            strb w4, [x3]
            ldr x1, =0x40000000
            ldr w4, [x1]
            ldr w5, =0xedfe0dd0           // FDT magic 0xd00dfeed, big-endian in memory
            mov w6, #'D'
            mov w7, #'-'
            cmp w4, w5
            csel w4, w6, w7, eq
            strb w4, [x3]
            mov w4, #10
            strb w4, [x3]
            ldr x0, =0x84000008           // PSCI SYSTEM_OFF
            hvc #0
            3: b 3b
            msg: .asciz "bios at EL"
            """;

    @TempDir
    Path tmp;

    private Path bios() throws Exception {
        Path f = tmp.resolve("bios.bin");
        Files.write(f, Asm.assemble(BIOS));
        return f;
    }

    @Test
    void biosBootsAtTheFlashBaseAtEl1() throws Exception {
        Path bios = bios();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(out, true), new PrintStream(err, true), new ByteArrayInputStream(new byte[0]))
                .run(List.of("-M", "virt", "-cpu", "cortex-a53", "-nographic", "-bios", bios.toString()));
        assertEquals(0, code, err.toString());
        assertEquals("bios at EL1 D\n", out.toString(StandardCharsets.UTF_8));
        String qemu = qemu(List.of("-bios", bios.toString()));
        assertEquals(qemu, out.toString(StandardCharsets.UTF_8), "same as QEMU 7.2");
    }

    @Test
    void pflashDriveInBankZeroBootsTooAndBankOneIsData() throws Exception {
        Path bios = bios();
        Path data = tmp.resolve("vars.bin");
        Files.write(data, new byte[] {1, 2, 3, 4, 5});
        VirtConfig c = VirtConfig.defaults().withFlash(new FlashImages(bios, data));
        VirtBoard b = new VirtBoard(c);
        try {
            assertEquals(0, b.entryPoint(), "firmware boot");
            assertEquals(0x4000_0000L, b.deviceTreeAddress(), "tree at the start of RAM, where firmware looks");
            byte[] img = Files.readAllBytes(bios);
            assertEquals(img[0] & 0xFF, b.bus().read(0, 1));
            assertEquals(0x0504030201L, b.bus().read(0x0400_0000L, 8), "bank 1: image then zeroes");
            assertEquals(0, b.bus().read(0x0800_0000L - 8, 8), "end of bank 1");
            b.bus().write(0x0400_0000L, 4, 0x98);             // CFI query: ignored, still reads the array
            assertEquals(0x04030201L, b.bus().read(0x0400_0000L, 4));
        } finally {
            b.close();
        }
    }

    @Test
    void flashWithoutImagesReadsZeroLikeQemu() throws Exception {
        VirtBoard b = new VirtBoard(VirtConfig.defaults());
        try {
            for (long pa : new long[] {0, 0x40, 0x03FF_FFF8L, 0x0400_0000L, 0x07FF_FFF8L}) {
                assertEquals(0, b.bus().read(pa, 8), Long.toHexString(pa));
            }
            assertEquals(0x4000_0000L, b.entryPoint(), "no firmware: RAM base, as before");
        } finally {
            b.close();
        }
    }

    @Test
    void deviceTreeNodeAsQemu(@TempDir Path dir) throws Exception {
        String ours = Dtc.node(Dtc.decompile(org.emu4e.engine.board.fdt.FdtWriter.write(
                VirtDeviceTree.build(VirtConfig.defaults(), new VirtDeviceTree.Chosen("", 0, 0)), List.of(), 0)),
                "flash@0");
        assertTrue(ours.contains("reg = <0x00 0x00 0x00 0x4000000 0x00 0x4000000 0x00 0x4000000>;"), ours);
        assertTrue(ours.contains("compatible = \"cfi-flash\";"));
        assertTrue(ours.contains("bank-width = <0x04>;"));
        Path q = dir.resolve("q.dtb");
        qemu(List.of("-M", "virt,dumpdtb=" + q));
        assertEquals(Dtc.node(Dtc.decompile(q), "flash@0"), ours);
    }

    @Test
    void badFlashArguments() throws Exception {
        Path bios = bios();
        Path big = tmp.resolve("big.bin");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength((64L << 20) + 1); // sparse
        }
        String[][] cases = {
            {"-bios", bios.toString(), "-kernel", bios.toString()},
            {"-bios", bios.toString(), "-drive", "if=pflash,format=raw,unit=0,file=" + bios},
            {"-drive", "if=ide,file=" + bios},
            {"-drive", "if=pflash,format=qcow2,file=" + bios},
            {"-drive", "if=pflash,unit=2,file=" + bios},
            {"-drive", "if=pflash,format=raw"},
            {"-drive", "if=pflash,cache=none,file=" + bios},
            {"-bios", big.toString()},
            {"-bios", tmp.resolve("missing.bin").toString()},
        };
        for (String[] a : cases) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = new Main(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true),
                    new ByteArrayInputStream(new byte[0])).run(List.of(a));
            String e = err.toString();
            assertEquals(1, code, List.of(a) + ": " + e);
            assertEquals(1, e.lines().count(), e);
            assertTrue(e.startsWith("emu4e: -") || e.startsWith("emu4e: cannot read") || e.contains(".bin"), e);
            if (a[1].equals(big.toString())) {
                assertTrue(e.contains("larger than the 64 MiB flash bank"), e);
            }
        }
    }

    /** Runs QEMU 7.2's virt with {@code args}; its stdout (the UART). Skips the test if QEMU is missing. */
    private static String qemu(List<String> args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a53",
                "-nographic", "-monitor", "none", "-serial", "stdio"));
        cmd.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("qemu-system-aarch64 not installed");
            return null;
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("QEMU did not finish");
        }
        return new String(out, StandardCharsets.UTF_8).replace("\r", "");
    }
}
