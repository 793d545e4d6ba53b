package org.emu4e.engine.gdbstub;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.RunState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Unmodified gdb-multiarch (13) in batch mode against the real runtime with four vCPUs
 * running the test guest (see {@link GuestProgram}): CPU 0 and 1 count, CPU 2 sits in WFI,
 * CPU 3 is powered off by PSCI. The machine starts with every vCPU stopped for the debugger
 * ({@link GdbServer#stopBeforeStart}, the CLI's -S).
 */
@Timeout(180)
class GdbBatchTest {
    GuestProgram guest;
    Machine machine;
    GdbServer server;

    @BeforeEach
    void start() throws Exception {
        guest = GuestProgram.get();
        machine = TestBoard.machine(4, false, guest.image);
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

    private String gdb(String... cmds) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of("file " + guest.elf,
                "target remote 127.0.0.1:" + server.port()));
        all.addAll(List.of(cmds));
        String out = guest.gdbBatch(all);
        System.out.println("---- gdb ----\n" + out);
        return out;
    }

    private static void assertMatches(String regex, String out) {
        assertTrue(Pattern.compile(regex, Pattern.MULTILINE).matcher(out).find(), "expected /" + regex + "/ in:\n" + out);
    }

    @Test
    void breakStepWatchMonitorDetachReconnect() throws Exception {
        String out = gdb(
                "info threads",
                "p/x $pc",
                "break tick",
                "continue",
                "info threads",
                "bt",
                "info registers x0 sp pc cpsr",
                "info registers ESR_EL1 CurrentEL VBAR_EL1 MPIDR_EL1",
                "p $v0.d.u",
                "x/4gx &counter",
                "set scheduler-locking step",
                "stepi",
                "stepi 4",
                "info registers x0",
                "p/x $pc",
                "delete",
                "watch shared_value",
                "continue",
                "delete",
                "monitor pmu halt 2",
                "info threads",
                "monitor info cpus",
                "monitor pmu resume 2",
                "monitor help",
                "detach");
        assertMatches("\\* 1 +Thread 1 \"CPU#0\" \\(CPU#0 \\[debug stopped\\]\\) _start", out);
        assertMatches("Thread 2 \"CPU#1\" \\(CPU#1 \\[PSCI off\\]\\) +0x0000000040010100 in", out);
        assertMatches("Thread 4 \"CPU#3\" \\(CPU#3 \\[PSCI off\\]\\) +psci_cpu_off", out);
        assertMatches("hit Breakpoint 1, tick \\(cpu=cpu@entry=[01]\\)", out);
        assertMatches("Thread 3 \"CPU#2\" \\(CPU#2 \\[WFI\\]\\)", out);
        assertMatches("cpsr +0x[0-9a-f]*3c5 +\\[ SP EL=1 F I A D", out);
        assertMatches("CurrentEL +0x4 ", out);
        assertMatches("#1 .* cpu_main", out);
        assertMatches("Hardware watchpoint 2: shared_value", out);
        assertMatches("New value = ", out);
        assertMatches("Thread 3 \"CPU#2\" \\(CPU#2 \\[PMU halted\\]\\)", out);
        assertMatches("CPU#3 \\[PSCI off\\] pc=0x", out);
        assertMatches("pmu halt N", out);
        assertMatches("\\[Inferior 1 \\(Remote target\\) detached\\]", out);
        assertFalse(out.contains("Remote communication error"), out);
        assertFalse(out.contains("Remote failure reply"), out);

        assertTrue(server.awaitNoClient(Duration.ofSeconds(10)));
        assertTrue(machine.vcpu(1).awaitState(RunState.RUNNING, Duration.ofSeconds(10)), "detach resumes");

        String again = gdb("info threads", "p counter[1] > 0", "detach");
        assertMatches("Thread 2 \"CPU#1\" \\(CPU#1 \\[debug stopped\\]\\)", again);
        assertMatches("\\$1 = 1", again);
    }
}
