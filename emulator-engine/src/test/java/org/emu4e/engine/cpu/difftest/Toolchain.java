package org.emu4e.engine.cpu.difftest;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's aarch64 binutils, qemu-aarch64 user mode and qemu-system-aarch64 (for bare-metal
 * programs on the virt board), driven for one batch directory.
 */
final class Toolchain {
    private Toolchain() { }

    static boolean available() {
        return onPath("aarch64-linux-gnu-as", "aarch64-linux-gnu-ld", "qemu-aarch64");
    }

    static boolean systemAvailable() {
        return onPath("aarch64-linux-gnu-as", "aarch64-linux-gnu-ld", "qemu-system-aarch64");
    }

    private static boolean onPath(String... tools) {
        for (String t : tools) {
            boolean found = false;
            for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(d, t))) {
                    found = true;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** Assembles and links {@code source}; returns the ELF path. */
    static Path build(Path dir, String source) throws IOException {
        Path s = dir.resolve("t.s");
        Path o = dir.resolve("t.o");
        Path elf = dir.resolve("t.elf");
        Files.writeString(s, source);
        run(dir, null, "aarch64-linux-gnu-as", "-march=armv8-a+crc", "-o", o.toString(), s.toString());
        run(dir, null, "aarch64-linux-gnu-ld", "-static", "-Ttext=0x" + Long.toHexString(Program.TEXT),
                "-Tdata=0x" + Long.toHexString(BatchBuilder.DATA), "-e", "_start", "-o", elf.toString(), o.toString());
        return elf;
    }

    /** Assembles and links a bare-metal program with its text at {@code text}; returns the ELF path. */
    static Path buildBareMetal(Path dir, String source, long text) throws IOException {
        Path s = dir.resolve("t.s");
        Path o = dir.resolve("t.o");
        Path elf = dir.resolve("t.elf");
        Files.writeString(s, source);
        run(dir, null, "aarch64-linux-gnu-as", "-o", o.toString(), s.toString());
        run(dir, null, "aarch64-linux-gnu-ld", "-static", "-Ttext=0x" + Long.toHexString(text), "-e", "_start",
                "-o", elf.toString(), o.toString());
        return elf;
    }

    /** The QEMU virt command line (after the program name) that runs {@code elf} on one Cortex-A53. */
    static List<String> virtArgs(Path elf) {
        return List.of("-M", "virt", "-cpu", "cortex-a53", "-m", "128M", "-nographic", "-kernel", elf.toString());
    }

    /** Runs a bare-metal program on qemu-system-aarch64 until it powers off; returns its UART output. */
    static String qemuSystem(Path dir, Path elf) throws IOException {
        Path out = dir.resolve("qemu-system.out");
        List<String> cmd = new java.util.ArrayList<>(List.of("timeout", "120", "qemu-system-aarch64", "-nic", "none"));
        cmd.addAll(virtArgs(elf));
        run(dir, out.toFile(), cmd.toArray(String[]::new));
        return Files.readString(out).replace("\r", "");
    }

    /** Runs the program under QEMU (Cortex-A53) and returns what it wrote to stdout. */
    static byte[] qemu(Path dir, Path elf) throws IOException {
        Path out = dir.resolve("qemu.out");
        run(dir, out.toFile(), "qemu-aarch64", "-cpu", "cortex-a53", elf.toString());
        return Files.readAllBytes(out);
    }

    static String objdump(Path elf, long from, long to) {
        try {
            return run(elf.getParent(), null, "aarch64-linux-gnu-objdump", "-d",
                    "--start-address=0x" + Long.toHexString(from), "--stop-address=0x" + Long.toHexString(to),
                    elf.toString());
        } catch (IOException | IllegalStateException e) {
            return "(objdump failed: " + e.getMessage() + ")";
        }
    }

    static String objdumpAll(Path elf, String... options) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of("aarch64-linux-gnu-objdump", "-d"));
        cmd.addAll(List.of(options));
        cmd.add(elf.toString());
        return run(elf.getParent(), null, cmd.toArray(String[]::new));
    }

    static String nm(Path elf) throws IOException {
        return run(elf.getParent(), null, "aarch64-linux-gnu-nm", elf.toString());
    }

    private static String run(Path dir, File stdout, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Path err = dir.resolve("stderr.txt");
        pb.redirectError(err.toFile());
        if (stdout != null) {
            pb.redirectOutput(stdout);
        }
        Process p = pb.start();
        String out = stdout == null ? new String(p.getInputStream().readAllBytes()) : "";
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(cmd[0] + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(cmd[0] + " exited with " + p.exitValue() + ": "
                    + Files.readString(err) + out);
        }
        return out;
    }
}
