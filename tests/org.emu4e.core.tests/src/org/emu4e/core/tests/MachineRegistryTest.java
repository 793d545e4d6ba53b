package org.emu4e.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.emu4e.core.MachineRegistry;
import org.emu4e.core.RunningMachine;
import org.emu4e.core.tests.support.FakeMachines;
import org.emu4e.engine.api.RunState;
import org.emu4e.engine.api.StateChange;
import org.junit.jupiter.api.Test;

class MachineRegistryTest {

    private final MachineRegistry registry = new MachineRegistry();
    private final List<String> events = new ArrayList<>();

    MachineRegistryTest() {
        registry.addListener(new MachineRegistry.Listener() {
            @Override
            public void machinesChanged(MachineRegistry r) {
                events.add("changed:" + r.machines().size());
            }

            @Override
            public void vcpuStateChanged(RunningMachine machine, StateChange change) {
                events.add(machine.name() + ":cpu" + change.cpu() + ":" + change.to());
            }
        });
    }

    @Test
    void listsMachinesInRegistrationOrder() {
        FakeMachines.Handle a = FakeMachines.create(4);
        FakeMachines.Handle b = FakeMachines.create(1);
        RunningMachine ra = registry.add("a", a.machine());
        registry.add("b", b.machine());

        assertEquals(List.of("a", "b"), registry.machines().stream().map(RunningMachine::name).toList());
        assertSame(a.machine(), ra.machine());
        assertEquals(4, registry.machines().get(0).machine().vcpus().size());
        assertEquals(List.of("changed:1", "changed:2"), events);
    }

    @Test
    void rejectsTheSameMachineTwice() {
        FakeMachines.Handle a = FakeMachines.create(1);
        registry.add("a", a.machine());
        assertThrows(IllegalArgumentException.class, () -> registry.add("again", a.machine()));
        assertEquals(1, registry.machines().size());
    }

    @Test
    void forwardsVcpuStateChanges() {
        FakeMachines.Handle a = FakeMachines.create(2);
        registry.add("a", a.machine());
        a.setVcpu(1, RunState.WFI, 0x40000010L, 1, 42);
        assertEquals(List.of("changed:1", "a:cpu1:WFI"), events);
    }

    @Test
    void removeUnhooksListeners() {
        FakeMachines.Handle a = FakeMachines.create(2);
        registry.add("a", a.machine());
        assertEquals(2, a.stateListenerCount());
        assertTrue(registry.remove(a.machine()));
        assertFalse(registry.remove(a.machine()));
        assertEquals(0, a.stateListenerCount());
        a.setVcpu(0, RunState.WFE, 0, 1, 1);
        assertEquals(List.of("changed:1", "changed:0"), events);
    }

    @Test
    void machineLeavesWhenItShutsDown() {
        FakeMachines.Handle a = FakeMachines.create(1);
        registry.add("a", a.machine());
        a.shutDown();
        assertTrue(registry.machines().isEmpty());
        assertEquals(0, a.stateListenerCount());
    }

    @Test
    void defaultRegistryIsShared() {
        assertSame(MachineRegistry.getDefault(), MachineRegistry.getDefault());
    }
}
