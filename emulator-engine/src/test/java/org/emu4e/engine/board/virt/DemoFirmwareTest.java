package org.emu4e.engine.board.virt;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.emu4e.engine.api.StateChange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Full system: the demo firmware (examples/demo, rebuilt by this test with make, and the
 * committed prebuilt image next to its sources) on the virt board with 4 vCPUs: PSCI CPU_ON, SGIs
 * through the GIC waking WFI, PMU halt/resume by MMIO, SYSTEM_OFF. Also compared line by line
 * with QEMU 7.2 where both print the same thing.
 */
class DemoFirmwareTest {
    @TempDir
    static Path build;
    /** The image rebuilt from source. */
    static Path elf;
    /** The committed image ./emu4e demo runs without a cross compiler. */
    static Path prebuilt;

    @BeforeAll
    static void buildFirmware() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples/demo"))) {
            dir = dir.getParent();
        }
        assertNotNull(dir, "examples/demo not found above " + Path.of("").toAbsolutePath());
        prebuilt = dir.resolve("examples/demo/demo.elf");
        String out = run(List.of("make", "-s", "-C", dir.resolve("examples/demo").toString(), "BUILD=" + build), 120);
        elf = build.resolve("demo.elf");
        assertTrue(Files.isRegularFile(elf), out);
    }

    /** Runs a host command, returns its output (stdout and stderr). Also used by {@link Gicv3SystemTest}. */
    static String run(List<String> cmd, int seconds) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(cmd + " timed out");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    static List<String> lines(String s) {
        return s.replace("\r", "").lines().filter(l -> !l.isEmpty()).toList();
    }

    private static String runOnEmu4e(Path image, List<StateChange> trace) throws Exception {
        return GuestRun.untilPowerOff(VirtConfig.defaults().withCpus(4).withRam(256L << 20).withKernel(image),
                Duration.ofSeconds(60), m -> m.addStateListener(trace::add));
    }

    @ParameterizedTest(name = "{0} image")
    @ValueSource(strings = {"rebuilt", "prebuilt"})
    void demoRunsOnFourCpus(String which) throws Exception {
        Path image = which.equals("rebuilt") ? elf : prebuilt;
        assertTrue(Files.isRegularFile(image), image + " missing (make -C examples/demo prebuilt)");
        assertTrue(Files.size(image) < 100_000, image + " is " + Files.size(image) + " bytes: keep the prebuilt small");
        List<StateChange> trace = Collections.synchronizedList(new ArrayList<>());
        List<String> out = lines(runOnEmu4e(image, trace));
        assertEquals(List.of(
                "emu4e demo firmware: 4 CPUs, PSCI v1",
                "cpu1 up", "cpu2 up", "cpu3 up",
                "round 1: cpus 1-3 woke from WFI by SGI",
                "round 2: cpus 1-3 woke from WFI by SGI",
                "round 3: cpus 1-3 woke from WFI by SGI",
                "pmu: id 0x45504d55, 4 cpus",
                "pmu: cpu2 halted, status 4, halt lines 0x4",
                "pmu: SGI to halted cpu2 stays pending",
                "pmu: cpu2 resumed and took the pending SGI",
                "summary: sgis cpu1=3 cpu2=4 cpu3=3",
                "bye"), out);
        assertTrue(trace.stream().anyMatch(c -> c.cpu() == 2 && c.to() == org.emu4e.engine.api.RunState.PMU_HALTED));
        assertTrue(trace.stream().anyMatch(c -> c.cpu() == 1 && c.from() == org.emu4e.engine.api.RunState.PSCI_OFF));
        assertTrue(trace.stream().anyMatch(c -> c.cpu() == 3 && c.from() == org.emu4e.engine.api.RunState.WFI));
    }

    @Test
    void demoSubcommandExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String old = System.getProperty("emu4e.demo.elf");
        System.setProperty("emu4e.demo.elf", elf.toString());
        try {
            int code = new org.emu4e.engine.cli.Main(new java.io.PrintStream(out, true),
                    new java.io.PrintStream(err, true), new java.io.ByteArrayInputStream(new byte[0]))
                    .run(List.of("demo", "--trace-power"));
            assertEquals(0, code, err.toString());
        } finally {
            if (old == null) {
                System.clearProperty("emu4e.demo.elf");
            } else {
                System.setProperty("emu4e.demo.elf", old);
            }
        }
        assertTrue(lines(out.toString()).contains("bye"), out.toString());
        assertTrue(err.toString().contains("GDB stub listening on 127.0.0.1:"), err.toString());
        assertTrue(java.util.regex.Pattern.compile("t=\\d+ cpu2 (WFI|RUNNING) -> PMU_HALTED \\(pmu halt\\) insns=\\d+")
                .matcher(err.toString()).find(), err.toString());
    }

    @Test
    void sameLinesAsQemuOutsideThePmuSteps() throws Exception {
        String qemu;
        try {
            qemu = run(List.of("timeout", "60", "qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a53", "-smp", "4",
                    "-m", "256M", "-nographic", "-monitor", "none", "-serial", "stdio", "-kernel", elf.toString()), 90);
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("qemu-system-aarch64 not installed");
            return;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(qemu.contains("bye"), "QEMU run did not finish: " + qemu);
        List<String> ours = lines(runOnEmu4e(elf, new ArrayList<>())).stream()
                .filter(l -> !l.startsWith("pmu:") && !l.startsWith("summary")).toList();
        List<String> theirs = lines(qemu).stream()
                .filter(l -> !l.startsWith("pmu:") && !l.startsWith("summary")).toList();
        assertEquals(theirs, ours);
        assertTrue(lines(qemu).contains("summary: sgis cpu1=3 cpu2=3 cpu3=3"));
    }
}
