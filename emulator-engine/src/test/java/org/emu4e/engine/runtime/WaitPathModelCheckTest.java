package org.emu4e.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Systematic check of the small core of the run-state machine: SPIN explores every
 * interleaving of the vCPU loop and wait path with PMU halt/resume, debugger stop/continue and
 * an interrupt line (model: waitpath.pml beside this class). The real protocol has no lost
 * wake-up and no assertion failure; the broken variant (wake-up without the kicked flag) must
 * be caught, which shows the model can see a lost wake-up at all.
 * Needs Debian's {@code spin} and {@code gcc} (.ci/run installs them).
 */
class WaitPathModelCheckTest {
    private static final Pattern ERRORS = Pattern.compile("errors: (\\d+)");
    private static final Pattern STATES = Pattern.compile("(\\d+) states, stored");

    @Test
    void waitPathHasNoLostWakeUpInAnyInterleaving(@TempDir Path dir) throws Exception {
        String out = verify(dir, false);
        assertEquals(0, errors(out), out);
        Matcher m = STATES.matcher(out);
        assertTrue(m.find() && Long.parseLong(m.group(1)) > 100_000, "explored the full state space: " + out);
        assertTrue(out.contains("invalid end states\t+"), "checked for invalid end states: " + out);
    }

    @Test
    void theModelCatchesALostWakeUp(@TempDir Path dir) throws Exception {
        String out = verify(dir, true);
        assertTrue(errors(out) > 0, "the broken variant must fail: " + out);
        assertTrue(out.contains("invalid end state"), out);
    }

    private static int errors(String out) {
        Matcher m = ERRORS.matcher(out);
        assertTrue(m.find(), out);
        return Integer.parseInt(m.group(1));
    }

    private static String verify(Path dir, boolean broken) throws IOException, InterruptedException {
        try (InputStream in = WaitPathModelCheckTest.class.getResourceAsStream("waitpath.pml")) {
            Files.copy(in, dir.resolve("waitpath.pml"));
        }
        List<String> spin = new ArrayList<>(List.of("spin"));
        if (broken) {
            spin.add("-DLOST_WAKEUP");
        }
        spin.addAll(List.of("-a", "waitpath.pml"));
        run(dir, spin);
        run(dir, List.of("gcc", "-O2", "-DSAFETY", "-o", "pan", "pan.c"));
        return run(dir, List.of("./pan", "-m100000"));
    }

    private static String run(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(cmd.get(0) + " is needed for this test (Debian packages spin and gcc)", e);
        }
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), cmd + " timed out");
        if (!cmd.get(0).equals("./pan")) {
            assertEquals(0, p.exitValue(), cmd + ": " + out);
        }
        return out;
    }
}
