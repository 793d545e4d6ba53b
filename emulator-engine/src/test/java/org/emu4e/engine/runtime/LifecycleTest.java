package org.emu4e.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.emu4e.engine.api.MachineState;
import org.emu4e.engine.api.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class LifecycleTest {
    private static long emuThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("emu4e-")).count();
    }

    @Test
    void manyMachinesLeaveNoThreadsBehind() throws Exception {
        long before = emuThreads();
        for (int i = 0; i < 40; i++) {
            TestBoard b = new TestBoard(4, i % 2 == 0, TestBoard.BUSY, TestBoard.WFI_LOOP, TestBoard.WFE_LOOP);
            MttcgMachine m = new MttcgMachine(b);
            m.start();
            for (int c = 0; c < 4; c++) {
                int cpu = c;
                assertEquals("emu4e-vcpu-" + c + " daemon", m.vcpu(c).callSync(ctx ->
                        Thread.currentThread().getName() + (Thread.currentThread().isDaemon() ? " daemon" : "")));
                assertEquals(cpu, m.vcpu(c).index());
            }
            m.vcpu(i % 4).asyncRun(ctx -> { });
            b.services().timers().schedule(() -> { }, 1, TimeUnit.HOURS);
            if (i % 3 == 0) {
                m.pmu().halt(1).get(10, TimeUnit.SECONDS);
            }
            m.shutdown();
            m.shutdown();
            assertTrue(m.awaitShutdown(Duration.ofSeconds(1)));
            assertEquals(MachineState.SHUTDOWN, m.machineState());
            assertEquals(1, b.closes.get());
            assertEquals(List.of(), m.failures());
        }
        assertEquals(before, emuThreads(), "emu4e threads left running");
    }

    @Test
    void aMachineNeverStartedShutsDownAndCannotStart() throws Exception {
        TestBoard b = new TestBoard(2, true, TestBoard.BUSY);
        MttcgMachine m = new MttcgMachine(b);
        assertEquals(MachineState.CREATED, m.machineState());
        assertEquals(RunState.RUNNING, m.vcpu(0).state());
        assertEquals(RunState.PSCI_OFF, m.vcpu(1).state());
        m.shutdown();
        assertTrue(m.awaitShutdown(Duration.ZERO));
        assertEquals(1, b.closes.get());
        assertThrows(IllegalStateException.class, m::start);
        assertThrows(IllegalStateException.class, () -> m.vcpu(0).runSync(ctx -> { }));
    }

    @Test
    void pausedBeforeStartStartsPaused() throws Exception {
        TestBoard b = new TestBoard(2, false, TestBoard.BUSY, TestBoard.WFI_LOOP);
        MttcgMachine m = new MttcgMachine(b);
        try {
            m.pause();
            assertEquals(MachineState.CREATED, m.machineState());
            m.start();
            assertEquals(MachineState.PAUSED, m.machineState());
            assertTrue(m.vcpu(0).awaitState(RunState.PAUSED, Duration.ofSeconds(10)));
            assertTrue(m.vcpu(1).awaitState(RunState.PAUSED, Duration.ofSeconds(10)));
            assertEquals(0, m.vcpu(0).status().instructionCount(), "not one instruction before resume");
            m.resume();
            assertEquals(MachineState.RUNNING, m.machineState());
            assertTrue(m.vcpu(1).awaitState(RunState.WFI, Duration.ofSeconds(10)));
        } finally {
            m.shutdown();
        }
        assertEquals(List.of(), m.failures());
    }
}
