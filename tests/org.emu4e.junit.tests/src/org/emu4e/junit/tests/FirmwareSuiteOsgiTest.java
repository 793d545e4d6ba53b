package org.emu4e.junit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.emu4e.engine.api.RunState;
import org.emu4e.junit.EmulatedTarget;
import org.emu4e.junit.TargetHandle;
import org.junit.jupiter.api.Test;

/**
 * The firmware suite (tests/firmware) run through the org.emu4e.junit bundle inside Equinox,
 * exactly as a firmware team's Tycho test bundle would: boot, wait for the banner, halt core 1
 * through the PMU, check that core 0 reports it, resume it.
 */
class FirmwareSuiteOsgiTest {
    private static final Duration T = Duration.ofSeconds(30);

    @Test
    @EmulatedTarget(kernel = "tests/firmware/build/pmu-handshake.elf", smp = 2)
    void pmuHaltOfCore1IsSeenByCore0(TargetHandle t) {
        t.uart().expectLine("firmware ready", T);
        assertEquals(RunState.PMU_HALTED, t.pmu().halt(1));
        t.uart().expectLine("core 1 halted.*", T);
        t.pmu().resume(1);
        t.uart().expectLine("core 1 running.*", T);
        assertTrue(t.powerTrace().statesOf(1).contains(RunState.PMU_HALTED));
    }

    @Test
    @EmulatedTarget(kernel = "tests/firmware/build/hello-smp.elf", smp = 4, memory = "64M")
    void fourCoresBootAndPowerOff(TargetHandle t) throws InterruptedException {
        t.uart().expectLine("all cores up", T);
        assertTrue(t.machine().awaitShutdown(T));
        assertEquals(0, t.machine().exitCode());
    }
}
