package org.emu4e.engine.gdbstub;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Drives {@code gdb-multiarch --interpreter=mi2} the way Eclipse CDT's DSF-GDB does: one
 * tokenised command at a time, result records matched by token, async records collected.
 * Every wait is bounded.
 */
final class GdbMi implements AutoCloseable {
    private final Process p;
    private final OutputStream in;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final List<String> transcript = java.util.Collections.synchronizedList(new ArrayList<>());
    private int token = 100;

    GdbMi(Path dir) throws IOException {
        p = new ProcessBuilder("gdb-multiarch", "--interpreter=mi2", "-nx", "-q").directory(dir.toFile())
                .redirectErrorStream(true).start();
        in = p.getOutputStream();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    transcript.add(l);
                    lines.add(l);
                }
            } catch (IOException e) {
                // process ended
            }
        }, "gdb-mi-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends a command and returns its result record (e.g. {@code ^done,...}); fails on timeout. */
    String cmd(String command) throws IOException, InterruptedException {
        int t = token++;
        in.write((t + command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        return await(l -> l.startsWith(t + "^"), 30).substring(String.valueOf(t).length());
    }

    /** Waits for an output line matching {@code p}; lines before it are consumed. */
    String await(Predicate<String> pred, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = end - System.nanoTime();
            String l = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (l == null) {
                throw new AssertionError("gdb/mi: timed out; transcript:\n" + String.join("\n", transcript));
            }
            if (pred.test(l)) {
                return l;
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            in.write("-gdb-exit\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
