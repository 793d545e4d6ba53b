package org.emu4e.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.emu4e.engine.api.RunState;
import org.emu4e.engine.cpu.a64.CpuContext;
import org.junit.jupiter.api.AfterEach;

/** Creates machines on test boards and shuts them down after each test, checking for failures. */
abstract class RuntimeTestBase {
    static final Duration WAIT = Duration.ofSeconds(10);
    private final List<MttcgMachine> machines = new ArrayList<>();
    private final List<StateRecorder> recorders = new ArrayList<>();
    TestBoard board;
    MttcgMachine m;
    StateRecorder rec;

    MttcgMachine start(TestBoard b) {
        create(b).start();
        return m;
    }

    /** The machine on {@code b}, with a state recorder, not started yet. */
    MttcgMachine create(TestBoard b) {
        board = b;
        m = new MttcgMachine(b);
        rec = new StateRecorder(m, true);
        machines.add(m);
        recorders.add(rec);
        return m;
    }

    @AfterEach
    void shutDownMachines() {
        for (MttcgMachine x : machines) {
            x.shutdown();
            assertEquals(List.of(), x.failures(), "internal failures");
        }
        for (StateRecorder r : recorders) {
            assertEquals(List.of(), List.copyOf(r.violations), "state history violations");
        }
    }

    static void await(String what, BooleanSupplier cond) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    void awaitState(int cpu, RunState s) throws InterruptedException {
        assertTrue(m.vcpu(cpu).awaitState(s, WAIT), "cpu " + cpu + " never reported " + s + ", is " + m.vcpu(cpu).state());
    }

    long reg(int cpu, int x) {
        return m.vcpu(cpu).callSync(ctx -> CpuContext.cpuOf(ctx).state().x(x));
    }
}
