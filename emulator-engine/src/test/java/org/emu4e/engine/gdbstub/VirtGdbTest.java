package org.emu4e.engine.gdbstub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.RunState;
import org.emu4e.engine.cpu.a64.CpuContext;
import org.emu4e.engine.board.virt.VirtConfig;
import org.emu4e.engine.board.virt.VirtMachine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * gdb-multiarch against the full virt machine (GIC, timers, PL011, PMU, PSCI) with four vCPUs,
 * booting the test guest as an ELF kernel, started with -S semantics.
 */
@Timeout(180)
class VirtGdbTest {
    static final long LOAD = 0x4008_0000L;
    GuestProgram guest;
    Machine machine;
    GdbServer server;

    @BeforeEach
    void start() throws Exception {
        guest = GuestProgram.get(LOAD);
        machine = VirtMachine.create(VirtConfig.defaults().withCpus(4).withKernel(guest.elf));
        server = GdbServer.start(machine, null, 0);
        GdbServer.stopBeforeStart(machine);
        machine.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (machine != null) {
            machine.shutdown();
        }
    }

    private static void assertMatches(String regex, String out) {
        assertTrue(Pattern.compile(regex, Pattern.MULTILINE).matcher(out).find(), "expected /" + regex + "/ in:\n" + out);
    }

    @Test
    void debugTheGuestOnVirt() throws Exception {
        String out = guest.gdbBatch(List.of("file " + guest.elf, "target remote 127.0.0.1:" + server.port(),
                "info threads", "break tick", "continue", "info threads",
                "set scheduler-locking step", "stepi 3", "info registers pc CurrentEL",
                "monitor pmu halt 2", "info threads", "monitor info cpus", "monitor pmu resume 2", "detach"));
        System.out.println("---- gdb (virt) ----\n" + out);
        assertMatches("\\* 1 +Thread 1 \"CPU#0\" \\(CPU#0 \\[debug stopped\\]\\) _start", out);
        assertMatches("hit Breakpoint 1, tick \\(cpu=cpu@entry=[01]\\)", out);
        assertMatches("Thread 3 \"CPU#2\" \\(CPU#2 \\[WFI\\]\\)", out);
        assertMatches("Thread 4 \"CPU#3\" \\(CPU#3 \\[PSCI off\\]\\)", out);
        assertMatches("Thread 3 \"CPU#2\" \\(CPU#2 \\[PMU halted\\]\\)", out);
        assertMatches("CurrentEL +0x4 ", out);
        assertMatches("\\[Inferior 1 \\(Remote target\\) detached\\]", out);
        assertFalse(out.contains("Remote failure reply"), out);
        assertTrue(server.awaitNoClient(Duration.ofSeconds(10)));
        assertTrue(machine.vcpu(0).awaitState(RunState.RUNNING, Duration.ofSeconds(10)), "detach resumes");
    }

    /**
     * A debugger that goes away without detaching (killed, crashed, network dropped) leaves a
     * stopped target stopped, as QEMU does: only 'D' resumes. A new gdb can attach and go on.
     */
    @Test
    void killedGdbLeavesTheStoppedTargetStopped() throws Exception {
        java.nio.file.Path script = java.nio.file.Files.createTempFile("emu4e-gdb", ".gdb");
        java.nio.file.Files.write(script, List.of("set pagination off", "set confirm off",
                "file " + guest.elf, "target remote 127.0.0.1:" + server.port(), "break tick", "continue",
                "echo STOPPED-AND-WAITING\\n", "shell sleep 120"));
        Process gdb = new ProcessBuilder("gdb-multiarch", "-nx", "-batch", "-x", script.toString())
                .redirectErrorStream(true).start();
        StringBuilder seen = new StringBuilder();
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(gdb.getInputStream()))) {
            for (String l = in.readLine(); l != null && !l.contains("STOPPED-AND-WAITING"); l = in.readLine()) {
                seen.append(l).append('\n');
            }
            assertMatches("hit Breakpoint 1, tick", seen.toString());
            List<ProcessHandle> children = gdb.descendants().toList();
            gdb.destroyForcibly(); // SIGKILL: no 'D', no clean close by gdb
            children.forEach(ProcessHandle::destroyForcibly);
            assertTrue(gdb.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            java.nio.file.Files.deleteIfExists(script);
        }
        assertTrue(server.awaitNoClient(Duration.ofSeconds(10)), "the stub saw the connection close");
        long[] pcs = new long[4];
        long[] retired = new long[4];
        for (int i = 0; i < 4; i++) {
            pcs[i] = machine.vcpu(i).<Long>callSync(ctx -> CpuContext.cpuOf(ctx).state().pc);
            retired[i] = machine.vcpu(i).<Long>callSync(ctx -> CpuContext.cpuOf(ctx).instructions);
        }
        Thread.sleep(500); // long enough for the guest's tick loop to move any PC that was let run
        for (int i = 0; i < 4; i++) {
            final int cpu = i;
            assertEquals(RunState.DEBUG_STOPPED, machine.vcpu(i).state(), "cpu" + i + " stays stopped");
            assertEquals(pcs[i], (long) machine.vcpu(i).<Long>callSync(ctx -> CpuContext.cpuOf(ctx).state().pc), "cpu" + cpu + " PC");
            assertEquals(retired[i], (long) machine.vcpu(i).<Long>callSync(ctx -> CpuContext.cpuOf(ctx).instructions),
                    "cpu" + cpu + " retired nothing");
        }
        String out = guest.gdbBatch(List.of("file " + guest.elf, "target remote 127.0.0.1:" + server.port(),
                "info threads", "break tick", "continue", "detach"));
        assertMatches("CPU#0 \\[debug stopped\\]", out);
        assertMatches("hit Breakpoint 1, tick", out);
        assertMatches("\\[Inferior 1 \\(Remote target\\) detached\\]", out);
        assertTrue(server.awaitNoClient(Duration.ofSeconds(10)));
        assertTrue(machine.vcpu(0).awaitState(RunState.RUNNING, Duration.ofSeconds(10)), "detach resumes");
    }
}
