package org.emu4e.engine.gdbstub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the stub's test guest (resources {@code guest/start.S}, {@code main.c},
 * {@code guest.ld}) with aarch64-linux-gnu-gcc into an ELF (for GDB's symbols) and a flat
 * image loaded at {@link TestBoard#ENTRY}. Built once per JVM into a temporary directory.
 */
final class GuestProgram {
    private static final java.util.Map<Long, GuestProgram> BUILT = new java.util.HashMap<>();

    final Path dir;
    final Path elf;
    final byte[] image;

    private GuestProgram(Path dir, Path elf, byte[] image) {
        this.dir = dir;
        this.elf = elf;
        this.image = image;
    }

    /** The guest linked for {@link TestBoard#ENTRY}. */
    static GuestProgram get() throws IOException, InterruptedException {
        return get(TestBoard.ENTRY);
    }

    /** The guest linked (and entered) at {@code loadAddress}. */
    static synchronized GuestProgram get(long loadAddress) throws IOException, InterruptedException {
        GuestProgram g = BUILT.get(loadAddress);
        if (g == null) {
            g = build(loadAddress);
            BUILT.put(loadAddress, g);
        }
        return g;
    }

    private static GuestProgram build(long loadAddress) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("emu4e-gdb-guest");
        dir.toFile().deleteOnExit();
        for (String f : List.of("start.S", "main.c", "guest.ld")) {
            try (InputStream in = GuestProgram.class.getResourceAsStream("guest/" + f)) {
                String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                        .replace("@LOAD_ADDR@", "0x" + Long.toHexString(loadAddress));
                Files.writeString(dir.resolve(f), text);
            }
        }
        Path elf = dir.resolve("guest.elf");
        exec(dir, "aarch64-linux-gnu-gcc", "-g", "-O1", "-ffreestanding", "-nostdlib", "-static",
                "-mgeneral-regs-only", "-mno-outline-atomics", "-fno-pie", "-no-pie", "-Wl,--build-id=none", "-Wl,--no-warn-rwx-segments",
                "-T", "guest.ld", "-o", "guest.elf", "start.S", "main.c");
        exec(dir, "aarch64-linux-gnu-objcopy", "-O", "binary", "guest.elf", "guest.bin");
        return new GuestProgram(dir, elf, Files.readAllBytes(dir.resolve("guest.bin")));
    }

    /** Address of {@code symbol} from aarch64-linux-gnu-nm. */
    long symbol(String name) throws IOException, InterruptedException {
        for (String line : exec(dir, "aarch64-linux-gnu-nm", "guest.elf").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[2].equals(name)) {
                return Long.parseUnsignedLong(f[0], 16);
            }
        }
        throw new IllegalArgumentException(name);
    }

    static String exec(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    /** Runs gdb-multiarch in batch mode with {@code commands}; returns stdout+stderr. Bounded. */
    String gdbBatch(List<String> commands) throws IOException, InterruptedException {
        Path script = Files.createTempFile(dir, "cmds", ".gdb");
        List<String> all = new ArrayList<>(List.of("set pagination off", "set confirm off", "set width 0"));
        all.addAll(commands);
        Files.write(script, all);
        Process p = new ProcessBuilder("gdb-multiarch", "-nx", "-batch", "-x", script.toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        Thread watchdog = new Thread(() -> {
            try {
                if (!p.waitFor(90, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(10, TimeUnit.SECONDS);
        return new String(out);
    }
}
