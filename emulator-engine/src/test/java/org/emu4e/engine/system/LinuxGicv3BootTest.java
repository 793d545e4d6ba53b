package org.emu4e.engine.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.board.virt.VirtConfig;
import org.emu4e.engine.board.virt.VirtMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same Debian kernel and busybox initramfs as {@link LinuxBootTest}, on
 * {@code -machine virt,gic-version=3 -smp 12} (more CPUs than GICv2 can address): Linux's
 * gic-v3 driver finds a Redistributor per CPU, brings up all twelve, takes its timer and IPIs
 * through the GICv3 (counted in /proc/interrupts) and powers off.
 */
class LinuxGicv3BootTest {
    private static final int CPUS = 12;
    private static final Duration BOOT = Duration.ofSeconds(180);
    private static final Duration STEP = Duration.ofSeconds(60);

    @Test
    void debianKernelBootsOnTwelveCpusWithGicv3(@TempDir Path tmp) throws Exception {
        Path assets = LinuxBootTest.fetchLinux();
        Path initrd = LinuxBootTest.initramfs(tmp, assets.resolve("busybox"));
        StringBuilder console = new StringBuilder();
        Machine m = VirtMachine.create(VirtConfig.defaults().withGicVersion(3).withCpus(CPUS).withRam(512L << 20)
                .withKernel(assets.resolve("Image")).withInitrd(initrd).withAppend("console=ttyAMA0 rdinit=/init"));
        m.console().addOutputListener(b -> {
            synchronized (console) {
                console.append(new String(b, StandardCharsets.ISO_8859_1));
                console.notifyAll();
            }
        });
        long t0 = System.nanoTime();
        try {
            m.start();
            int at = LinuxBootTest.await(console, "emu4e-linux: shell up", 0, BOOT);
            at = LinuxBootTest.await(console, "/ # ", at, STEP);
            LinuxBootTest.type(m, "echo cpus=$(nproc); cat /proc/interrupts; echo end-of-list\n");
            at = LinuxBootTest.await(console, "cpus=" + CPUS + "\r\n", at, STEP);
            int end = LinuxBootTest.await(console, "end-of-list\r\n", at, STEP);
            String interrupts;
            synchronized (console) {
                interrupts = console.substring(at, end);
            }
            assertTrue(interrupts.contains("GICv3  27 Level     arch_timer"), interrupts);
            assertTrue(interrupts.contains("GICv3  33 Level     uart-pl011"), interrupts);
            assertTrue(sum(interrupts, "IPI1:") > 0, "function-call IPIs (SGIs) were taken: " + interrupts);
            String log;
            synchronized (console) {
                log = console.toString();
            }
            assertTrue(log.contains("GICv3: CPU" + (CPUS - 1) + ": found redistributor " + Integer.toHexString(CPUS - 1)
                    + " region 0:0x"), "redistributor of the last CPU found");
            assertTrue(log.contains("smp: Brought up 1 node, " + CPUS + " CPUs"), "all CPUs up");

            LinuxBootTest.type(m, "poweroff -f\n");
            assertTrue(m.awaitShutdown(STEP), "Linux powers off");
            assertEquals(0, m.exitCode());
        } finally {
            m.shutdown();
            System.out.println("linux gicv3 boot, " + CPUS + " cpus: " + (System.nanoTime() - t0) / 1_000_000 + " ms to power-off");
        }
    }

    /** Sum of the per-CPU counts on the /proc/interrupts line starting with {@code label}. */
    private static long sum(String interrupts, String label) {
        for (String line : interrupts.split("\r?\n")) {
            if (line.trim().startsWith(label)) {
                long total = 0;
                Matcher n = Pattern.compile("\\s(\\d+)").matcher(line.trim().substring(label.length()));
                while (n.find()) {
                    total += Long.parseLong(n.group(1));
                }
                return total;
            }
        }
        return 0;
    }
}
