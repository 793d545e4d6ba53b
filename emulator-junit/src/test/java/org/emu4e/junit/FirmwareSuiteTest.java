package org.emu4e.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;

import org.emu4e.engine.api.MachineState;
import org.emu4e.engine.api.RunState;
import org.junit.jupiter.api.Test;

/** The project's firmware suite (tests/firmware) booted through {@link EmulatedTarget}. */
class FirmwareSuiteTest {
    private static final Duration T = Duration.ofSeconds(20);

    @Test
    @EmulatedTarget(kernel = "tests/firmware/build/hello-smp.elf", smp = 4, memory = "64M")
    void everyCoreSaysHelloAndTheMachinePowersOff(TargetHandle t) throws Exception {
        t.uart().expectLine("hello from core 0", T);
        t.uart().expectLine("all cores up", T);
        assertTrue(t.machine().awaitShutdown(T), "PSCI SYSTEM_OFF shuts the machine down");
        assertEquals(MachineState.SHUTDOWN, t.machine().machineState());
        assertEquals(0, t.machine().exitCode());
        List<String> lines = t.uart().lines();
        for (int c = 1; c < 4; c++) {
            assertTrue(lines.contains("hello from core " + c), "core " + c + " printed: " + lines);
            List<RunState> states = t.powerTrace().statesOf(c);
            assertEquals(RunState.PSCI_OFF, states.get(0), "cpu" + c + " starts powered off: " + states);
            assertTrue(states.contains(RunState.RUNNING), "cpu" + c + " ran: " + states);
        }
    }

    @Test
    @EmulatedTarget(kernel = "tests/firmware/build/pmu-handshake.elf", smp = 2)
    void firmwareSeesThePmuHaltAndResumeOfCore1(TargetHandle t) {
        t.uart().expectLine("firmware ready", T);

        assertEquals(RunState.PMU_HALTED, t.pmu().halt(1));
        t.vcpu(1).awaitState(RunState.PMU_HALTED, T);
        Matcher halted = t.uart().expectLine("core 1 halted \\(n=(\\d+)\\)", T);
        long atHalt = Long.parseLong(halted.group(1));

        t.pmu().resume(1);
        Matcher running = t.uart().expectLine("core 1 running \\(n=(\\d+)\\)", T);
        assertTrue(Long.parseLong(running.group(1)) > atHalt, "core 1 made progress after resume");
        assertTrue(t.powerTrace().statesOf(1).contains(RunState.PMU_HALTED));
        assertEquals(RunState.RUNNING, t.vcpu(0).state(), "core 0 kept running");
    }

    @Test
    @EmulatedTarget(kernel = "tests/firmware/build/pmu-handshake.elf", smp = 2)
    void haltAndResumeRepeatedly(TargetHandle t) {
        t.uart().expectLine("firmware ready", T);
        for (int i = 0; i < 5; i++) {
            t.pmu().halt(1);
            t.uart().expectLine("core 1 halted.*", T);
            t.pmu().resume(1);
            t.uart().expectLine("core 1 running.*", T);
        }
        long halts = t.powerTrace().of(1).stream().filter(c -> c.to() == RunState.PMU_HALTED).count();
        assertEquals(5, halts);
    }
}
