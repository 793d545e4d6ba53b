package org.emu4e.core.tests.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.emu4e.core.MachineRegistry;
import org.emu4e.core.RunningMachine;
import org.emu4e.core.tests.support.FakeMachines;
import org.emu4e.core.tests.support.RealMachines;
import org.emu4e.core.timeline.MachineTimeline;
import org.emu4e.core.timeline.Segment;
import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry records every registered machine's run-state changes from the moment it is added. */
class RegistryTimelineTest {

    @Test
    void aRegisteredMachineHasATimelineUntilItLeaves() {
        MachineRegistry registry = MachineRegistry.getDefault();
        FakeMachines.Handle h = FakeMachines.create(2);
        RunningMachine m = registry.add("fake", h.machine());
        MachineTimeline t = registry.timeline(m).orElseThrow();
        assertEquals(2, t.cpuCount());
        h.setVcpu(1, RunState.PMU_HALTED, 0, 1, 5);
        Segment current = t.core(1).current();
        assertEquals(RunState.PMU_HALTED, current.state());
        assertEquals("test", current.reason());
        registry.remove(h.machine());
        assertTrue(registry.timeline(m).isEmpty());
    }

    @Test
    void aRealMachineReportsItsBootCpuEnteringWfi(@TempDir Path scratch) throws Exception {
        MachineRegistry registry = MachineRegistry.getDefault();
        Machine machine = RealMachines.wfiLoop(2, scratch);
        try {
            RunningMachine m = registry.add("wfi-loop", machine);
            MachineTimeline t = registry.timeline(m).orElseThrow();
            machine.start();
            assertTrue(machine.vcpu(0).awaitState(RunState.WFI, Duration.ofSeconds(10)));
            List<Segment> boot = t.core(0).segments(0, Long.MAX_VALUE - 1);
            Segment last = boot.get(boot.size() - 1);
            assertEquals(RunState.WFI, last.state());
            assertEquals("wfi", last.reason());
            assertEquals(RunState.PSCI_OFF, t.core(1).current().state());
        } finally {
            machine.shutdown();
        }
    }
}
