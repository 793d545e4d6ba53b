package org.emu4e.engine.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.emu4e.engine.board.fdt.Dtc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Main(new PrintStream(out, true), new PrintStream(err, true), new ByteArrayInputStream(new byte[0]))
                .run(List.of(args));
    }

    @Test
    void badFlagExits1NamingIt() {
        assertEquals(1, run("-frobnicate"));
        assertTrue(err.toString().contains("-frobnicate"), err.toString());
        assertEquals(1, run("-smp", "99"));
        assertTrue(err.toString().contains("-smp"));
    }

    @Test
    void helpExits0() {
        assertEquals(0, run("-h"));
        assertTrue(out.toString().contains("-kernel"));
    }

    @Test
    void dumpDtbWritesTheTree(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("virt.dtb");
        assertEquals(0, run("-M", "virt,dumpdtb=" + f, "-smp", "2", "-m", "64M", "-append", "quiet"));
        String dts = Dtc.decompile(f);
        assertTrue(dts.contains("cpu@1 {"));
        assertTrue(dts.contains("reg = <0x00 0x40000000 0x00 0x4000000>;"));
        assertTrue(dts.contains("bootargs = \"quiet\";"));
    }

    @Test
    void unreadableKernelExits1(@TempDir Path tmp) throws Exception {
        assertEquals(1, run("-kernel", tmp.resolve("missing.elf").toString()));
        assertTrue(err.toString().contains("missing.elf"), err.toString());
        Path bad = tmp.resolve("bad.elf");
        Files.write(bad, new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        assertEquals(1, run("-kernel", bad.toString()));
        assertTrue(err.toString().contains("truncated"), err.toString());
    }

    @Test
    void demoWithoutFirmwareExplainsHowToBuild() {
        String old = System.getProperty("emu4e.demo.elf");
        System.setProperty("emu4e.demo.elf", "/nonexistent/demo.elf");
        try {
            assertEquals(1, run("demo"));
            assertTrue(err.toString().contains("demo.elf"), err.toString());
        } finally {
            if (old == null) {
                System.clearProperty("emu4e.demo.elf");
            } else {
                System.setProperty("emu4e.demo.elf", old);
            }
        }
    }

    @Test
    void demoPrefersTheRebuiltImageThenThePrebuiltOne(@TempDir Path home) throws Exception {
        String oldElf = System.getProperty("emu4e.demo.elf");
        String oldHome = System.getProperty("emu4e.home");
        System.clearProperty("emu4e.demo.elf");
        System.setProperty("emu4e.home", home.toString());
        try {
            Path prebuilt = home.resolve(Main.DEMO_PREBUILT);
            Files.createDirectories(prebuilt.getParent());
            Files.write(prebuilt, new byte[4]);
            if (System.getenv("EMU4E_DEMO_ELF") == null) {
                assertEquals(prebuilt, Main.findDemo(), "no cross compiler: the committed image");
                Path rebuilt = home.resolve(Main.DEMO_ELF);
                Files.createDirectories(rebuilt.getParent());
                Files.write(rebuilt, new byte[4]);
                assertEquals(rebuilt, Main.findDemo());
            }
        } finally {
            restore("emu4e.demo.elf", oldElf);
            restore("emu4e.home", oldHome);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void powerTraceFormat() {
        var c = new org.emu4e.engine.api.StateChange(2, org.emu4e.engine.api.RunState.WFI,
                org.emu4e.engine.api.RunState.PMU_HALTED, "pmu halt", 1500, 48211);
        assertEquals("t=500 cpu2 WFI -> PMU_HALTED (pmu halt) insns=48211", PowerTrace.format(c, 1000));
    }

    @Test
    void versionAndQemuCompatibilityFlags(@TempDir Path tmp) throws Exception {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().contains("emu4e 0.1.0"), out.toString());
        Path f = tmp.resolve("virt.dtb");
        assertEquals(0, run("-M", "virt,dumpdtb=" + f, "-cpu", "max", "-display", "none", "-nodefaults", "-no-reboot"));
        assertEquals(0, run("-M", "virt,dumpdtb=" + f, "-cpu", "cortex-a57"));
        assertEquals(1, run("-display", "gtk"));
        assertTrue(err.toString().contains("-display"), err.toString());
    }

    @Test
    void noRebootTurnsSystemResetIntoAnExit(@TempDir Path tmp) throws Exception {
        Path raw = tmp.resolve("reset.bin");
        Files.write(raw, org.emu4e.engine.testing.Asm.assemble("ldr x0, =0x84000009\n hvc #0\n 1: b 1b"));
        assertEquals(0, run("-kernel", raw.toString(), "-no-reboot", "-nographic"));
    }

    /** -d items print one line per record on the CLI's stderr, "<item>: <message>", no date or source line. */
    @Test
    void logItemsPrintOneLineEach(@TempDir Path tmp) throws Exception {
        Path raw = tmp.resolve("guest-error.bin");
        Files.write(raw, org.emu4e.engine.testing.Asm.assemble(
                "ldr x1, =0x09000100\n ldr w2, [x1]\n ldr w2, [x1]\n ldr x0, =0x84000008\n hvc #0\n 1: b 1b"));
        assertEquals(0, run("-kernel", raw.toString(), "-nographic", "-d", "guest_errors"));
        assertEquals(List.of("guest_errors: pl011: read of unknown register 0x100",
                "guest_errors: pl011: read of unknown register 0x100"), err.toString().lines().toList());
        err.reset();
        assertEquals(0, run("-kernel", raw.toString(), "-nographic", "-d", "guest_errors"));
        assertEquals(2, err.toString().lines().count(), "a second run in the same JVM adds no second handler: " + err);
        err.reset();
        assertEquals(0, run("-kernel", raw.toString(), "-nographic"));
        assertEquals("", err.toString(), "no -d: nothing logged");
    }

    /** --stats: the machine's and each vCPU's retired instructions, counted exactly, and MIPS. */
    @Test
    void statsCountTheRetiredInstructions(@TempDir Path tmp) throws Exception {
        Path raw = tmp.resolve("loop.bin");
        // 1 + 100 x (subs, b.ne) + ldr + hvc (SYSTEM_OFF retires too)
        Files.write(raw, org.emu4e.engine.testing.Asm.assemble(
                "mov x1, #100\n 1: subs x1, x1, #1\n b.ne 1b\n ldr x0, =0x84000008\n hvc #0\n 2: b 2b"));
        assertEquals(0, run("-kernel", raw.toString(), "-nographic", "-smp", "2", "--stats"));
        List<String> lines = err.toString().lines().toList();
        assertEquals(3, lines.size(), err.toString());
        assertTrue(lines.get(0).matches("emu4e: stats: 2 vCPUs, 203 instructions in [0-9.]+ s wall, [0-9.]+ MIPS"),
                lines.get(0));
        assertTrue(lines.get(1).matches(
                "emu4e: stats: cpu0 203 instructions, [0-9.]+ s running, [0-9.]+ MIPS while running"), lines.get(1));
        assertTrue(lines.get(2).startsWith("emu4e: stats: cpu1 0 instructions, "), lines.get(2));
        err.reset();
        assertEquals(0, run("-kernel", raw.toString(), "-nographic"));
        assertEquals("", err.toString(), "no --stats: nothing printed");
    }
}
