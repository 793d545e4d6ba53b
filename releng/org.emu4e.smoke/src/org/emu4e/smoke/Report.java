package org.emu4e.smoke;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a smoke run found, one line each, appended to the file the calling script reads (and
 * echoed on stdout). A line starting with {@code PROBLEM} fails the run; the last line is
 * {@code RESULT OK} or {@code RESULT FAILED}.
 */
final class Report {
    private final Path file;
    private int problems;

    Report(Path file) {
        this.file = file.toAbsolutePath();
        try {
            Files.createDirectories(this.file.getParent());
            Files.writeString(this.file, "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the smoke report " + this.file, e);
        }
    }

    /** The report named by system property {@code emu4e.smoke.report}, or null when it is not set. */
    static Report fromSystemProperty() {
        String name = System.getProperty("emu4e.smoke.report");
        return name == null || name.isBlank() ? null : new Report(Path.of(name));
    }

    Path file() {
        return file;
    }

    void info(String line) {
        write(line);
    }

    void problem(String line) {
        synchronized (this) {
            problems++;
        }
        write("PROBLEM " + line);
    }

    synchronized boolean ok() {
        return problems == 0;
    }

    /** Writes the closing line. */
    void finish() {
        write(ok() ? "RESULT OK" : "RESULT FAILED");
    }

    private synchronized void write(String line) {
        System.out.println("emu4e-smoke: " + line);
        try {
            Files.writeString(file, line + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("emu4e-smoke: cannot append to " + file + ": " + e);
        }
    }
}
