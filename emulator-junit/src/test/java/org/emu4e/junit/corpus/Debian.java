package org.emu4e.junit.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The corpus comes from Debian packages. A file a package provides is used where it is; a missing
 * package is installed with apt-get when the tests run as root (CI's {@code .ci/run} installs them
 * up front); otherwise the program is skipped with the command that installs it.
 */
final class Debian {
    private Debian() { }

    /** {@code file}, installing {@code pkg} first if it is missing. */
    static Path file(String pkg, String file) throws IOException, InterruptedException {
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) {
            install(pkg);
        }
        if (!Files.isRegularFile(p)) {
            throw new AssertionError("Debian package " + pkg + " is installed but has no " + file);
        }
        return p;
    }

    /** Fails, or skips when not root, when the command cannot be found or installed. */
    static void command(String pkg, String command) throws IOException, InterruptedException {
        if (run(List.of("sh", "-c", "command -v " + command)) != 0) {
            install(pkg);
        }
    }

    private static void install(String pkg) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Assumptions.assumeTrue(root, "Debian package " + pkg + " is not installed and the tests do not run as root:"
                + " sudo apt-get install " + pkg + " (.ci/run installs it)");
        if (run(List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends", pkg)) != 0) {
            run(List.of("apt-get", "update", "-qq"));
            Assumptions.assumeTrue(run(List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends", pkg)) == 0,
                    "apt-get install " + pkg + " failed: no Debian mirror reachable?");
        }
    }

    /** Runs a command, output discarded; its exit status. */
    static int run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /** Runs a command; its stdout (stderr goes to the test's), failing on a non-zero status. */
    static String output(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed with status " + p.exitValue());
        }
        return new String(out, StandardCharsets.UTF_8).trim();
    }
}
