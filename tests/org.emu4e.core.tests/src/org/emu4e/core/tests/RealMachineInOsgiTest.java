package org.emu4e.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.emu4e.core.MachineRegistry;
import org.emu4e.core.tests.support.RealMachines;
import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.MachineState;
import org.emu4e.engine.api.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine boots a real virt machine inside Equinox and the registry follows its life cycle. */
class RealMachineInOsgiTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path scratch;

    @Test
    void bootsAWfiLoopAndLeavesTheRegistryOnShutdown() throws Exception {
        MachineRegistry registry = new MachineRegistry();
        Machine machine = RealMachines.wfiLoop(2, scratch);
        try {
            registry.add("wfi-loop", machine);
            machine.start();
            assertTrue(machine.vcpu(0).awaitState(RunState.WFI, WAIT), "boot vCPU reaches WFI");
            assertTrue(machine.vcpu(1).awaitState(RunState.PSCI_OFF, WAIT), "secondary stays PSCI off");
            assertEquals(2, registry.machines().get(0).machine().cpuCount());
            assertTrue(machine.vcpu(0).status().instructionCount() >= 1);
            assertEquals(1, machine.vcpu(0).status().el(), "virt boots the kernel at EL1");
        } finally {
            machine.shutdown();
        }
        assertTrue(machine.awaitShutdown(WAIT));
        assertEquals(MachineState.SHUTDOWN, machine.machineState());
        assertTrue(registry.machines().isEmpty(), "shut-down machine left the registry");
    }
}
