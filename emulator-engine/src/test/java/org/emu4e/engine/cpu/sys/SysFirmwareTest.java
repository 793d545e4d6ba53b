package org.emu4e.engine.cpu.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.emu4e.engine.cpu.a64.CpuExit;
import org.junit.jupiter.api.Test;

/**
 * A bare-metal C + assembly program (src/test/resources/.../firmware) built with
 * aarch64-linux-gnu-gcc at test time: it installs vectors, builds page tables in C, enables
 * the MMU, runs a sieve through remapped pages, takes an SVC, handles a translation fault by
 * mapping the page and retrying (demand paging), then runs code at EL0 that makes system
 * calls. The same ELF runs on {@code qemu-system-aarch64 -M virt -cpu cortex-a53 -kernel}.
 */
class SysFirmwareTest {
    private static final String[] SOURCES = {"link.ld", "start.S", "main.c"};

    @Test
    void firmwareRunsCWithTheMmuOnAndReportsItsResults() throws Exception {
        Path dir = build();
        long results = symbol(exec(dir, "aarch64-linux-gnu-nm", "fw.elf"), "results");
        try {
            byte[] image = Files.readAllBytes(dir.resolve("fw.bin"));

            SysRig rig = new SysRig();
            rig.physical().load(SysRig.CODE, image);
            rig.s().pc = SysRig.CODE;
            CpuExit exit = null;
            for (int i = 0; i < 5_000_000 && exit != CpuExit.WFI; i++) {
                exit = rig.cpu().run(1000);
            }
            assertEquals(CpuExit.WFI, exit);
            long[] r = new long[16];
            for (int i = 0; i < 16; i++) {
                r[i] = rig.read64(results + 8L * i);
            }
            String dump = java.util.Arrays.stream(r).mapToObj(Long::toHexString).toList()
                    + String.format(" pc=%x el=%d elr1=%x far1=%x", rig.s().pc, rig.s().el, rig.cpu().sys().elr[1],
                            rig.cpu().sys().far[1]);
            assertEquals(0, r[14], "fatal code " + dump);
            assertEquals(0, r[15], "fatal ESR " + dump);
            assertEquals(1, r[0], "MMU on");
            assertEquals(1028, r[1], "primes below 8192");
            assertEquals(1, r[2], "8191 marked prime, seen through the physical page");
            assertEquals(41, r[3], "SVC #5 handler result");
            assertEquals(0x1_0000_2008L, r[4], "demand fault FAR");
            assertEquals(0x07, r[5], "level 3 translation fault");
            assertEquals(0xFEED, r[9], "retried store landed in the new page");
            assertEquals(1, r[10], "one fault");
            assertEquals(5050, r[6], "EL0 computed through its page");
            assertEquals(0, r[7], "SVC came from EL0t");
            assertEquals(0x600D, r[8], "EL0 exit");
        } finally {
            delete(dir);
        }
    }

    /**
     * Differential check against QEMU: the same ELF under {@code qemu-system-aarch64 -M virt
     * -cpu cortex-a53 -d int} takes the same synchronous exceptions (ESR and ELR) in order.
     */
    @Test
    void exceptionSequenceMatchesQemu() throws Exception {
        Path dir = build();
        try {
            byte[] image = Files.readAllBytes(dir.resolve("fw.bin"));
            SysRig rig = new SysRig();
            rig.physical().load(SysRig.CODE, image);
            rig.s().pc = SysRig.CODE;
            List<String> ours = new java.util.ArrayList<>();
            for (int i = 0; i < 5_000_000; i++) {
                CpuExit exit = rig.cpu().run(1);
                long vbar = rig.cpu().sys().vbar[1];
                long pc = rig.s().pc;
                if (vbar != 0 && (pc & ~0x7FFL) == vbar && (pc & 0x7F) == 0) {
                    // Just entered a vector: the first instruction of each entry is a branch out.
                    ours.add(String.format("%x/%x", rig.cpu().sys().esr[1], rig.cpu().sys().elr[1]));
                }
                if (exit == CpuExit.WFI) {
                    break;
                }
            }
            List<String> qemu = qemuExceptions(dir, ours.size());
            assertEquals(qemu, ours);
            assertEquals(4, ours.size());
        } finally {
            delete(dir);
        }
    }

    /** Runs QEMU until its log shows {@code count} exceptions (or 60 s pass) and parses ESR/ELR. */
    private static List<String> qemuExceptions(Path dir, int count) throws Exception {
        Path log = dir.resolve("qemu.log");
        Process p = new ProcessBuilder("qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a53", "-nographic",
                "-monitor", "none", "-serial", "none", "-kernel", "fw.elf", "-d", "int", "-D", log.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<String> out = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 600 && out.size() < count; i++) {
                Thread.sleep(100);
                out.clear();
                if (!Files.exists(log)) {
                    continue;
                }
                String esr = null;
                for (String line : Files.readAllLines(log)) {
                    if (line.contains("with ESR ")) {
                        esr = line.substring(line.indexOf('/') + 3).trim();
                    } else if (line.contains("with ELR ") && esr != null) {
                        String elr = line.substring(line.indexOf("0x") + 2).trim();
                        out.add(Long.toHexString(Long.parseUnsignedLong(esr, 16)) + "/" + Long.toHexString(Long.parseUnsignedLong(elr, 16)));
                        esr = null;
                    }
                }
            }
        } finally {
            p.destroyForcibly().waitFor();
        }
        return out;
    }

    /** Copies the firmware sources to a temporary directory and builds fw.elf and fw.bin there. */
    private Path build() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("emu4e-fw");
        for (String s : SOURCES) {
            try (InputStream in = getClass().getResourceAsStream("firmware/" + s)) {
                Files.copy(in, dir.resolve(s));
            }
        }
        exec(dir, "aarch64-linux-gnu-gcc", "-O2", "-ffreestanding", "-nostdlib", "-nostartfiles",
                "-mgeneral-regs-only", "-mstrict-align", "-fno-pic", "-static", "-Wl,--build-id=none",
                "-Wl,--no-warn-rwx-segments", "-T", "link.ld", "start.S", "main.c", "-o", "fw.elf");
        exec(dir, "aarch64-linux-gnu-objcopy", "-O", "binary", "fw.elf", "fw.bin");
        return dir;
    }

    private static void delete(Path dir) throws IOException {
        try (var w = Files.walk(dir)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static long symbol(String nm, String name) {
        for (String line : nm.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[2].equals(name)) {
                return Long.parseUnsignedLong(f[0], 16);
            }
        }
        throw new AssertionError("no symbol " + name + " in\n" + nm);
    }

    private static String exec(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(cmd)).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(cmd[0] + " failed:\n" + out);
        }
        return out;
    }
}
