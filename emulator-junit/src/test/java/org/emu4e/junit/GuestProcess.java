package org.emu4e.junit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An emulator run as a separate process with its serial console on stdin/stdout, as a user runs
 * it: {@code qemu-system-aarch64 ARGS} or emu4e's command line ({@link #emu4eCommand()}) with the
 * same ARGS. The test types into the guest's UART with {@link #send} after waiting for a prompt
 * with {@link #expect}; everything the process printed (stdout and stderr) is kept.
 */
public final class GuestProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final OutputStream stdin;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Thread reader;
    private int consumed;

    private GuestProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = process.getOutputStream();
        // Read on another thread so a guest that never stops can't block the test.
        this.reader = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = process.getInputStream().read(buf)) > 0; ) {
                    synchronized (out) {
                        out.write(buf, 0, n);
                        out.notifyAll();
                    }
                }
            } catch (IOException e) {
                // process killed: keep what was read
            }
            synchronized (out) {
                out.notifyAll();
            }
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code command} (program and arguments) in {@code dir}. */
    public static GuestProcess start(String name, List<String> command, Path dir) throws IOException {
        return new GuestProcess(name, new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).start());
    }

    /** emu4e's command line, run by this JVM's java on the engine on the test class path. */
    public static List<String> emu4eCommand() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-cp", System.getProperty("java.class.path"), "org.emu4e.engine.cli.Main");
    }

    /**
     * Waits until the output not yet consumed contains {@code regex}, and consumes it up to the
     * end of the match (so a script's expectations check order).
     */
    public Matcher expect(String regex, Duration timeout) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (out) {
            while (true) {
                String text = out.toString(StandardCharsets.ISO_8859_1);
                Matcher m = p.matcher(text);
                if (m.find(consumed)) {
                    consumed = m.end();
                    return m;
                }
                long left = end - System.nanoTime();
                if (left <= 0 || (!reader.isAlive() && !process.isAlive())) {
                    throw new AssertionError(name + ": no \"" + regex + "\" within " + timeout
                            + (process.isAlive() ? "" : " (process ended)") + "; printed:\n" + text);
                }
                out.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
            }
        }
    }

    /** Types {@code text} into the guest's UART. */
    public void send(String text) throws IOException {
        stdin.write(text.getBytes(StandardCharsets.ISO_8859_1));
        stdin.flush();
    }

    /** Waits for the process to end by itself; its exit status, or fails with what it printed. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError(name + " did not exit within " + timeout + "; printed:\n" + text());
        }
        reader.join(5000);
        return process.exitValue();
    }

    /** Everything printed so far. */
    public String text() {
        synchronized (out) {
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** The output as lines: CR removed, leading and trailing empty lines dropped. */
    public List<String> lines() {
        return lines(text());
    }

    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String l : text.split("\n")) {
            String s = l.replace("\r", "");
            if (!s.isEmpty() || !lines.isEmpty()) {
                lines.add(s);
            }
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        reader.join(5000);
    }
}
