package org.emu4e.engine.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.emu4e.engine.api.Machine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Linux's perf support on the emulated Performance Monitors: Debian's arm64 kernel probes the
 * PMU from the device tree's arm,armv8-pmuv3 node (PPI 23), and perf_event_open(2) from a
 * user program (perf-count.c, built here with aarch64-linux-gnu-gcc, added to the initramfs)
 * counts a 10-million-iteration two-instruction loop at EL0 exactly as the PMU's model says
 * (one cycle per instruction), then samples cycles every 1,000,000, which takes one
 * overflow interrupt per period.
 */
class LinuxPerfTest {
    private static final Duration BOOT = Duration.ofSeconds(180);
    private static final Duration STEP = Duration.ofSeconds(120);

    @Test
    void perfCountsAndSamplesThroughThePmu(@TempDir Path tmp) throws Exception {
        Path assets = LinuxBootTest.fetchLinux();
        Path initrd = LinuxBootTest.initramfs(tmp, assets.resolve("busybox"));
        appendArchive(initrd, program(tmp));
        StringBuilder console = new StringBuilder();
        Machine m = LinuxBootTest.bootMachine(assets, initrd, 1, 256L << 20, console);
        try {
            m.start();
            int at = LinuxBootTest.await(console, "emu4e-linux: shell up", 0, BOOT);
            at = LinuxBootTest.await(console, "/ # ", at, STEP);
            // The end marker's output differs from its echoed command line.
            LinuxBootTest.type(m, "/perf-count; cat /proc/interrupts; echo perf-$((40+2))-done\n");
            int end = LinuxBootTest.await(console, "perf-42-done\r\n", at, STEP);
            String out;
            String log;
            synchronized (console) {
                out = console.substring(at, end);
                log = console.toString();
            }
            out.lines().filter(l -> l.contains("perf-count:") || l.contains("arm-pmu"))
                    .forEach(l -> System.out.println("linux perf: " + l.trim()));
            assertTrue(log.contains("hw perfevents: enabled with armv8_pmuv3 PMU driver, 7 counters available"), log);
            assertTrue(out.contains("perf-count: opened 1"), "instructions, cycles and branches are supported: " + out);
            Matcher c = Pattern.compile("instructions (\\d+) cycles (\\d+) branches (\\d+)").matcher(out);
            assertTrue(c.find(), out);
            long instructions = Long.parseLong(c.group(1));
            long cycles = Long.parseLong(c.group(2));
            long branches = Long.parseLong(c.group(3));
            // The loop is 20,000,000 instructions with 9,999,999 taken branches; the counters'
            // enable/disable calls add a few user instructions around it.
            assertTrue(instructions >= 20_000_000 && instructions < 20_000_100, "INST_RETIRED: " + out);
            assertTrue(cycles >= 20_000_000 && cycles < 20_000_100, "one cycle per instruction: " + out);
            assertTrue(branches >= 9_999_999 && branches < 10_000_050, "PC_WRITE_RETIRED (taken branches): " + out);
            Matcher s = Pattern.compile("sampled cycles (\\d+)").matcher(out);
            assertTrue(s.find(), out);
            long sampled = Long.parseLong(s.group(1));
            assertTrue(sampled >= 20_000_000 && sampled < 21_000_000, out);
            Matcher irq = Pattern.compile("(\\d+)\\s+GIC-0\\s+23 Level\\s+arm-pmu").matcher(out);
            assertTrue(irq.find(), "the PMU interrupt in /proc/interrupts: " + out);
            assertEquals(sampled / 1_000_000, Long.parseLong(irq.group(1)), "one overflow interrupt per sample period");

            LinuxBootTest.type(m, "poweroff -f\n");
            assertTrue(m.awaitShutdown(STEP), "Linux powers off");
        } finally {
            m.shutdown();
        }
    }

    /** perf-count.c built for Linux arm64 without libc. */
    private static Path program(Path tmp) throws IOException, InterruptedException {
        Path src = tmp.resolve("perf-count.c");
        try (InputStream in = LinuxPerfTest.class.getResourceAsStream("perf-count.c")) {
            Files.copy(in, src);
        }
        Path exe = tmp.resolve("perf-count");
        Process p = new ProcessBuilder("aarch64-linux-gnu-gcc", "-O2", "-static", "-nostdlib", "-ffreestanding",
                "-fno-stack-protector", "-o", exe.toString(), src.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "aarch64-linux-gnu-gcc: " + out);
        return exe;
    }

    /**
     * Appends a second cpio archive holding {@code /perf-count} to the gzip'd initramfs: the
     * kernel unpacks concatenated archives in order (each starting on a 4-byte boundary).
     */
    private static void appendArchive(Path initrd, Path exe) throws IOException, InterruptedException {
        Path dir = exe.getParent().resolve("extra");
        Files.createDirectories(dir);
        Files.copy(exe, dir.resolve("perf-count"));
        dir.resolve("perf-count").toFile().setExecutable(true, false);
        Path cpio = exe.getParent().resolve("extra.cpio");
        Process p = new ProcessBuilder("sh", "-c", "cd '" + dir + "' && echo perf-count | cpio -o -H newc 2>/dev/null > '"
                + cpio + "'").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "cpio: " + out);
        byte[] base = Files.readAllBytes(initrd);
        byte[] extra = Files.readAllBytes(cpio);
        byte[] all = new byte[((base.length + 3) & ~3) + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, (base.length + 3) & ~3, extra.length);
        Files.write(initrd, all);
    }
}
