package org.emu4e.engine.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Assembles A64 source with Debian's {@code aarch64-linux-gnu-as} into a flat binary, for
 * tests. Results are memoised per source text within the JVM.
 */
public final class Asm {
    private static final ConcurrentHashMap<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private Asm() { }

    public static byte[] assemble(String source) {
        return CACHE.computeIfAbsent(source, Asm::run).clone();
    }

    private static byte[] run(String source) {
        try {
            Path dir = Files.createTempDirectory("emu4e-asm");
            try {
                Path s = dir.resolve("t.s");
                Path o = dir.resolve("t.o");
                Path b = dir.resolve("t.bin");
                Files.writeString(s, ".text\n.globl _start\n_start:\n" + source + "\n");
                exec(dir, List.of("aarch64-linux-gnu-as", "-march=armv8-a+crypto", "-o", o.toString(), s.toString()));
                exec(dir, List.of("aarch64-linux-gnu-objcopy", "-O", "binary", "-j", ".text", o.toString(), b.toString()));
                return Files.readAllBytes(b);
            } finally {
                try (var w = Files.walk(dir)) {
                    w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("assembler failed", e);
        }
    }

    private static void exec(Path dir, List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(cmd.get(0) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
