package org.emu4e.engine.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.emu4e.engine.api.Machine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's arm64 kernel runs a user program (resources {@code ptrace-debug.c}, built here
 * freestanding with aarch64-linux-gnu-gcc) that debugs a child through ptrace as gdb does on
 * Linux: a hardware breakpoint (NT_ARM_HW_BREAK), PTRACE_SINGLESTEP and a watchpoint
 * (NT_ARM_HW_WATCH, si_addr). The kernel programs the PE's self-hosted debug registers and
 * turns the breakpoint, step and watchpoint exceptions into SIGTRAPs, so this checks the guest-
 * visible debug architecture against a real consumer of it.
 */
class LinuxPtraceDebugTest {
    private static final Duration BOOT = Duration.ofSeconds(180);
    private static final String INIT = """
            #!/bin/sh
            mount -t proc proc /proc
            /ptrace-debug
            echo "ptrace-debug exit status $?"
            poweroff -f
            """;

    @Test
    void ptraceBreakpointStepAndWatchpointWork(@TempDir Path tmp) throws Exception {
        Path assets = LinuxBootTest.fetchLinux();
        Path initrd = initramfs(tmp, assets.resolve("busybox"), program(tmp));
        StringBuilder console = new StringBuilder();
        Machine m = LinuxBootTest.bootMachine(assets, initrd, 2, 256L << 20, console);
        try {
            m.start();
            int at = LinuxBootTest.await(console, "ptrace-debug: ", 0, BOOT);
            LinuxBootTest.await(console, "ptrace-debug exit status 0", at, Duration.ofSeconds(30));
            String out;
            synchronized (console) {
                out = console.toString();
            }
            System.out.println(out.lines().filter(l -> l.contains(": ok") || l.contains("ptrace-debug"))
                    .reduce("", (x, y) -> x + y + "\n"));
            assertTrue(out.contains("ptrace-debug: all ok"), out.substring(Math.max(0, out.length() - 3000)));
            assertTrue(out.contains("hw-breakpoint: found 6 breakpoint and 4 watchpoint registers."),
                    "the kernel counts the A53's units");
            assertTrue(m.awaitShutdown(Duration.ofSeconds(60)), "Linux powers off");
            assertEquals(0, m.exitCode());
        } finally {
            m.shutdown();
        }
    }

    private static Path program(Path tmp) throws IOException, InterruptedException {
        Path src = tmp.resolve("ptrace-debug.c");
        try (InputStream in = LinuxPtraceDebugTest.class.getResourceAsStream("ptrace-debug.c")) {
            Files.write(src, in.readAllBytes());
        }
        Path exe = tmp.resolve("ptrace-debug");
        Process p = new ProcessBuilder("aarch64-linux-gnu-gcc", "-static", "-nostdlib", "-ffreestanding", "-fno-pie",
                "-no-pie", "-O1", "-Wall", "-Werror", "-Wl,--build-id=none", "-o", exe.toString(), src.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "aarch64-linux-gnu-gcc: " + out);
        return exe;
    }

    private static Path initramfs(Path tmp, Path busybox, Path program) throws IOException, InterruptedException {
        Path root = tmp.resolve("rootfs");
        for (String d : new String[] {"bin", "proc", "dev"}) {
            Files.createDirectories(root.resolve(d));
        }
        Files.copy(busybox, root.resolve("bin/busybox"));
        Files.copy(program, root.resolve("ptrace-debug"));
        for (Path x : new Path[] {root.resolve("bin/busybox"), root.resolve("ptrace-debug")}) {
            Files.setPosixFilePermissions(x, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (String tool : new String[] {"sh", "mount", "poweroff"}) {
            Files.createSymbolicLink(root.resolve("bin/" + tool), Path.of("busybox"));
        }
        Files.writeString(root.resolve("init"), INIT);
        Files.setPosixFilePermissions(root.resolve("init"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path initrd = tmp.resolve("initrd.gz");
        Process p = new ProcessBuilder("sh", "-c", "cd '" + root + "' && find . | cpio -o -H newc 2>/dev/null | gzip > '"
                + initrd + "'").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "cpio: " + out);
        return initrd;
    }
}
