package org.emu4e.engine.gdbstub;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.RunState;
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
}
