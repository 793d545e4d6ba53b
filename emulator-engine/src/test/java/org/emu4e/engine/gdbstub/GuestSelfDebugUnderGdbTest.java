package org.emu4e.engine.gdbstub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.board.virt.VirtConfig;
import org.emu4e.engine.board.virt.VirtMachine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GDB stub's breakpoints and single step alongside the guest's own self-hosted debug: the
 * conformance program {@code tests/firmware/debug.c} (guest hardware breakpoints, watchpoints
 * and software step, built here with its Makefile) under gdb-multiarch, which stops on the
 * instruction the guest has a hardware breakpoint on, and inside EL0 code the guest is
 * single-stepping, and steps there itself. The debugger's stops come first (at el0_step+8 the
 * guest's step exception for the instruction before is still pending, so gdb's stepi enters
 * the guest's lower-EL vector, as on QEMU) and change nothing the guest sees: the UART
 * transcript is the same as without a debugger.
 */
@Timeout(180)
class GuestSelfDebugUnderGdbTest {
    @TempDir
    static Path build;
    static Path elf;

    @BeforeAll
    static void buildFirmware() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("tests/firmware"))) {
            dir = dir.getParent();
        }
        assertNotNull(dir, "tests/firmware not found above " + Path.of("").toAbsolutePath());
        elf = build.resolve("debug.elf");
        Process p = new ProcessBuilder("make", "-s", "-C", dir.resolve("tests/firmware").toString(), "BUILD=" + build,
                elf.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, out);
    }

    /** Runs debug.elf on one vCPU; with {@code gdbCommands}, stopped at start under gdb-multiarch. */
    private static String run(List<String> gdbCommands, StringBuilder gdbOut) throws Exception {
        Machine m = VirtMachine.create(VirtConfig.defaults().withCpus(1).withKernel(elf));
        ByteArrayOutputStream uart = new ByteArrayOutputStream();
        m.console().addOutputListener(b -> {
            synchronized (uart) {
                uart.writeBytes(b);
            }
        });
        GdbServer server = null;
        try {
            if (gdbCommands != null) {
                server = GdbServer.start(m, null, 0);
                GdbServer.stopBeforeStart(m);
            }
            m.start();
            if (server != null) {
                List<String> all = new java.util.ArrayList<>(List.of("file " + elf, "target remote 127.0.0.1:" + server.port()));
                all.addAll(gdbCommands);
                gdbOut.append(GuestProgram.get().gdbBatch(all));
            }
            assertTrue(m.awaitShutdown(Duration.ofSeconds(60)), "guest did not power off: " + gdbOut + "\n" + uart);
        } finally {
            if (server != null) {
                server.close();
            }
            m.shutdown();
        }
        synchronized (uart) {
            return uart.toString(StandardCharsets.UTF_8);
        }
    }

    private static void assertMatches(String regex, String out) {
        assertTrue(Pattern.compile(regex, Pattern.MULTILINE).matcher(out).find(), "expected /" + regex + "/ in:\n" + out);
    }

    @Test
    void debuggerBreakpointsAndStepsComeFirstAndLeaveTheGuestsDebugEventsAsTheyWere() throws Exception {
        String alone = run(null, null);
        assertTrue(alone.contains("EL1 breakpoint, MDE KDE: exceptions 1, vector 0x200, ESR 0xc6000022, ELR bp_site"), alone);
        assertTrue(alone.contains("debug: done"), alone);

        StringBuilder gdb = new StringBuilder();
        String underGdb = run(List.of(
                "break bp_target",           // the instruction guest breakpoint 0 is on
                "continue",
                "info registers pc",
                "delete",
                "break *(el0_step + 8)",     // EL0 code the guest is software-stepping
                "continue",
                "info registers pc",
                "stepi",
                "info registers pc",
                "delete",
                "continue"), gdb);
        System.out.println("---- gdb ----\n" + gdb);
        assertMatches("Breakpoint 1, .*bp_target", gdb.toString());
        assertMatches("Breakpoint 2, .*el0_step", gdb.toString());
        assertMatches("pc +0x\\S+ +0x\\S+ <el0_step\\+8>", gdb.toString());
        assertMatches("pc +0x\\S+ +0x\\S+ <conform_vectors\\+1024>", gdb.toString());
        assertMatches("exited normally", gdb.toString());
        assertEquals(alone, underGdb, "the guest's transcript under the debugger");
    }
}
