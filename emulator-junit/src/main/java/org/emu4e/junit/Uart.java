package org.emu4e.junit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.emu4e.engine.api.Console;

/**
 * The target's serial console as a test sees it: every line the guest printed, in order, and a
 * read cursor. {@link #expectLine} consumes lines up to the first match, so a sequence of
 * expectations checks the order of the output too.
 */
public final class Uart {
    private final Console console;
    private final Consumer<byte[]> tap = this::received;
    private final List<String> lines = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private int cursor;

    Uart(Console console) {
        this.console = console;
        console.addOutputListener(tap);
    }

    private synchronized void received(byte[] bytes) {
        for (char c : new String(bytes, StandardCharsets.ISO_8859_1).toCharArray()) {
            if (c == '\n') {
                lines.add(partial.toString());
                partial.setLength(0);
            } else if (c != '\r') {
                partial.append(c);
            }
        }
        notifyAll();
    }

    /**
     * Waits until a line not yet consumed matches {@code regex} as a whole and returns the
     * matcher; consumes that line and every line before it.
     *
     * @throws AssertionError naming the regex and the last lines when the timeout passes
     */
    public Matcher expectLine(String regex, Duration timeout) {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                while (cursor < lines.size()) {
                    Matcher m = p.matcher(lines.get(cursor++));
                    if (m.matches()) {
                        return m;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no UART line matching /" + regex + "/ within " + timeout
                            + "; last lines:\n" + String.join("\n", lastLines(20))
                            + (partial.isEmpty() ? "" : "\n(unterminated) " + partial));
                }
                try {
                    wait(Math.max(1, left / 1_000_000), 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for /" + regex + "/", e);
                }
            }
        }
    }

    /** Sends text to the guest's receive FIFO. */
    public void send(String text) {
        console.input(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Every complete line printed so far. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The last {@code n} complete lines. */
    public synchronized List<String> lastLines(int n) {
        return List.copyOf(lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }

    void detach() {
        console.removeOutputListener(tap);
    }
}
