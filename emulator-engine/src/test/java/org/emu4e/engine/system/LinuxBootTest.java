package org.emu4e.engine.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.RunState;
import org.emu4e.engine.board.virt.VirtConfig;
import org.emu4e.engine.board.virt.VirtMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's arm64 Linux kernel (fetched by scripts/fetch-linux.sh from Debian's packages) boots
 * on the virt board with -smp 4 -m 512M and a busybox initramfs built here, reaches a shell
 * prompt, answers a command typed on the PL011, goes on after the PMU halted one CPU for two
 * seconds (answering what was typed meanwhile), and powers off cleanly. RCU stall messages are printed, not hidden.
 */
class LinuxBootTest {
    private static final Duration BOOT = Duration.ofSeconds(180);
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final String INIT = """
            #!/bin/sh
            mount -t proc proc /proc
            mount -t sysfs sys /sys
            mount -t devtmpfs dev /dev 2>/dev/null
            echo "emu4e-linux: shell up"
            exec sh -i </dev/console >/dev/console 2>&1
            """;

    @Test
    void debianKernelBootsToAShellSurvivesAPmuHaltAndPowersOff(@TempDir Path tmp) throws Exception {
        Path assets = fetchLinux();
        Path initrd = initramfs(tmp, assets.resolve("busybox"));
        StringBuilder console = new StringBuilder();
        Machine m = bootMachine(assets, initrd, 4, 512L << 20, console);
        try {
            m.start();
            int at = await(console, "emu4e-linux: shell up", 0, BOOT);
            at = await(console, "/ # ", at, STEP);
            type(m, "echo cpus=$(nproc) arch=$(uname -m)\n");
            at = await(console, "cpus=4 arch=aarch64", at, STEP);

            // cpu2 is halted for two seconds with a command typed meanwhile. Its output may wait
            // for the resume: work Linux queued on cpu2 (a per-CPU kworker, e.g. the tty's) cannot
            // run while that CPU is stopped, as on hardware whose power controller stops a core.
            assertEquals(RunState.PMU_HALTED, m.pmu().halt(2).get(10, TimeUnit.SECONDS));
            type(m, "echo typed-while-cpu$((1+1))-halted\n"); // the output differs from the echoed input
            Thread.sleep(2000);
            assertEquals(RunState.PMU_HALTED, m.vcpu(2).state());
            assertTrue(m.vcpu(0).state() != RunState.PMU_HALTED, "only cpu2 is halted");
            m.pmu().resume(2).get(10, TimeUnit.SECONDS);
            at = await(console, "typed-while-cpu2-halted\r\n", at, STEP);

            type(m, "echo alive; poweroff -f\n");
            await(console, "alive\r\n", at, STEP);
            assertTrue(m.awaitShutdown(STEP), "Linux powers off");
            assertEquals(0, m.exitCode());
        } finally {
            m.shutdown();
            String out;
            synchronized (console) {
                out = console.toString();
            }
            List<String> stalls = out.lines().filter(l -> l.contains("rcu") && l.contains("stall")).toList();
            System.out.println("linux boot: " + out.lines().count() + " console lines; RCU stall messages: "
                    + (stalls.isEmpty() ? "none" : String.join("\n", stalls)));
        }
    }

    static Path fetchLinux() throws IOException, InterruptedException {
        Path script = Path.of("..", "scripts", "fetch-linux.sh").toAbsolutePath().normalize();
        Process p = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "fetch-linux.sh timed out");
        assertEquals(0, p.exitValue(), "scripts/fetch-linux.sh (needs root and apt) failed: " + out);
        List<String> lines = out.lines().toList();
        return Path.of(lines.get(lines.size() - 1));
    }

    static Path initramfs(Path tmp, Path busybox) throws IOException, InterruptedException {
        Path root = tmp.resolve("rootfs");
        for (String d : new String[] {"bin", "proc", "sys", "dev"}) {
            Files.createDirectories(root.resolve(d));
        }
        Files.copy(busybox, root.resolve("bin/busybox"));
        Files.setPosixFilePermissions(root.resolve("bin/busybox"), PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String tool : new String[] {"sh", "echo", "mount", "nproc", "uname", "poweroff", "cat"}) {
            Files.createSymbolicLink(root.resolve("bin/" + tool), Path.of("busybox"));
        }
        Files.writeString(root.resolve("init"), INIT);
        Files.setPosixFilePermissions(root.resolve("init"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path initrd = tmp.resolve("initrd.gz");
        Process p = new ProcessBuilder("sh", "-c", "cd '" + root + "' && find . | cpio -o -H newc 2>/dev/null | gzip > '"
                + initrd + "'").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "cpio: " + out);
        assertTrue(Files.size(initrd) > 100_000, "initramfs built (is cpio installed?)");
        return initrd;
    }

    static void type(Machine m, String text) {
        m.console().input(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Waits until {@code text} appears after offset {@code from}; returns the offset after it. */
    /**
     * Debian's kernel and {@code initrd} on a virt machine (not started yet) whose UART output is
     * appended to {@code console}, which is notified on every batch (see {@link #await}).
     */
    static Machine bootMachine(Path assets, Path initrd, int cpus, long ram, StringBuilder console)
            throws org.emu4e.engine.loader.LoadException {
        Machine m = VirtMachine.create(VirtConfig.defaults().withCpus(cpus).withRam(ram)
                .withKernel(assets.resolve("Image")).withInitrd(initrd).withAppend("console=ttyAMA0 rdinit=/init"));
        m.console().addOutputListener(b -> {
            synchronized (console) {
                console.append(new String(b, StandardCharsets.ISO_8859_1));
                console.notifyAll();
            }
        });
        return m;
    }

    static int await(StringBuilder console, String text, int from, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (console) {
            while (true) {
                int i = console.indexOf(text, from);
                if (i >= 0) {
                    return i + text.length();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    String tail = console.substring(Math.max(0, console.length() - 3000));
                    throw new AssertionError("no '" + text + "' on the console within " + timeout + "; last output:\n" + tail);
                }
                console.wait(Math.max(1, left / 1_000_000));
            }
        }
    }
}
