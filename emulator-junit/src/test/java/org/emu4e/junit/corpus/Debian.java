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

    /**
     * Runs a fetch script (apt-get download of arm64 packages, which needs root); the last line it
     * prints. Skips when it fails and the tests do not run as root.
     */
    static String fetch(List<String> script, String what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            Assumptions.assumeTrue(root(), what + " could not be fetched and the tests do not run as root: run "
                    + String.join(" ", script) + " as root once (it caches outside the repository): " + out);
            throw new AssertionError(String.join(" ", script) + " failed: " + out);
        }
        List<String> lines = out.lines().toList();
        return lines.get(lines.size() - 1);
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void install(String pkg) throws IOException, InterruptedException {
        boolean root = root();
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
}
