package org.emu4e.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.emu4e.engine.api.MachineState;
import org.emu4e.engine.api.RunState;
import org.emu4e.engine.api.VcpuStatus;
import org.emu4e.engine.cpu.a64.CpuContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RunStateTest extends RuntimeTestBase {
    @Test
    void wfiSleepsUntilTheIrqLineIsAssertedEvenWhenMasked() throws Exception {
        start(new TestBoard(2, false, TestBoard.BUSY, TestBoard.WFI_LOOP));
        awaitState(1, RunState.WFI);
        long x1 = reg(1, 1);
        assertEquals(0, x1, "asleep in the first WFI");
        board.setIrq(1, true); // PSTATE.I is set: WFI still wakes (D1.16.2), no exception taken
        await("WFI left", () -> reg(1, 1) > 100);
        assertEquals(0, reg(1, 2), "masked IRQ not taken");
        board.setIrq(1, false);
        awaitState(1, RunState.WFI);
    }

    @Test
    void pmuHaltDuringWfiComesBackToWfi() throws Exception {
        start(new TestBoard(2, false, TestBoard.BUSY, TestBoard.WFI_LOOP));
        awaitState(1, RunState.WFI);
        assertEquals(RunState.PMU_HALTED, m.pmu().halt(1).get(10, TimeUnit.SECONDS));
        assertTrue(m.pmu().isHaltAsserted(1));
        assertEquals(RunState.PMU_HALTED, m.vcpu(1).state());
        assertEquals(RunState.WFI, m.pmu().resume(1).get(10, TimeUnit.SECONDS));
        assertEquals(List.of(RunState.RUNNING, RunState.WFI, RunState.PMU_HALTED, RunState.WFI), rec.states(1));
        // A busy core halts too, and runs again after resume.
        assertEquals(RunState.PMU_HALTED, m.pmu().halt(0).get(10, TimeUnit.SECONDS));
        long pc = m.vcpu(0).status().pc();
        long n = m.vcpu(0).status().instructionCount();
        m.vcpu(0).runSync(ctx -> { });
        assertEquals(n, m.vcpu(0).status().instructionCount(), "a halted core retires nothing");
        assertEquals(pc, m.vcpu(0).status().pc());
        assertEquals(RunState.RUNNING, m.pmu().resume(0).get(10, TimeUnit.SECONDS));
        await("busy core runs again", () -> m.vcpu(0).status().instructionCount() > n);
    }

    @Test
    void interruptWhilePmuHaltedIsTakenAfterResume() throws Exception {
        start(new TestBoard(2, false, TestBoard.BUSY, TestBoard.WFI_IRQ));
        awaitState(1, RunState.WFI);
        m.pmu().halt(1).get(10, TimeUnit.SECONDS);
        board.setIrq(1, true);
        m.vcpu(1).runSync(ctx -> { }); // the kick and the line have been seen
        assertEquals(RunState.PMU_HALTED, m.vcpu(1).state());
        assertEquals(0, reg(1, 2), "no interrupt taken while halted");
        m.pmu().resume(1).get(10, TimeUnit.SECONDS);
        await("IRQ taken after resume", () -> reg(1, 2) > 0);
        long pc = m.vcpu(1).callSync(ctx -> CpuContext.cpuOf(ctx).state().pc);
        assertTrue(pc >= TestBoard.VECTORS + 0x280 && pc < TestBoard.VECTORS + 0x300, "in the IRQ vector: " + Long.toHexString(pc));
        assertEquals(RunState.RUNNING, m.vcpu(1).state());
    }

    @Test
    void wfeWakesOnSev() throws Exception {
        start(new TestBoard(2, false, TestBoard.BUSY, TestBoard.WFE_LOOP));
        awaitState(1, RunState.WFE);
        m.vcpu(1).runSync(ctx -> { });
        long before = reg(1, 1);
        board.services().sendEvent();
        await("WFE left", () -> reg(1, 1) == before + 1);
        awaitState(1, RunState.WFE);
        assertEquals(before + 1, reg(1, 1), "one event, one wake");
    }

    @Test
    void pauseAndResumeEveryVcpu() throws Exception {
        start(new TestBoard(3, false, TestBoard.BUSY, TestBoard.WFI_LOOP, TestBoard.WFE_LOOP));
        awaitState(1, RunState.WFI);
        awaitState(2, RunState.WFE);
        m.pause();
        assertEquals(MachineState.PAUSED, m.machineState());
        for (int i = 0; i < 3; i++) {
            assertEquals(RunState.PAUSED, m.vcpu(i).state());
        }
        m.resume();
        awaitState(0, RunState.RUNNING);
        awaitState(1, RunState.WFI);
        awaitState(2, RunState.WFE);
        assertEquals(MachineState.RUNNING, m.machineState());
    }

    @Test
    void statusAccountsTimeAndInstructionsPerState() throws Exception {
        start(new TestBoard(2, false, TestBoard.BUSY, TestBoard.WFI_LOOP));
        awaitState(1, RunState.WFI);
        await("instructions", () -> m.vcpu(0).status().instructionCount() > 100_000);
        VcpuStatus s0 = m.vcpu(0).status();
        assertEquals(RunState.RUNNING, s0.state());
        assertTrue(s0.instructionsInState().get(RunState.RUNNING) > 0);
        assertTrue(s0.pc() >= TestBoard.entry(0) && s0.pc() < TestBoard.entry(0) + 8);
        assertEquals(1, s0.el());
        VcpuStatus s1 = m.vcpu(1).status();
        assertEquals(0, s1.instructionsInState().get(RunState.WFI));
        long t1 = s1.nanosInState().get(RunState.WFI);
        Thread.sleep(5);
        assertTrue(m.vcpu(1).status().nanosInState().get(RunState.WFI) > t1, "time in the current state grows");
        assertFalse(s1.nanosInState().isEmpty());
    }

    @Test
    void aTimerDeadlineOnTheSharedTimerThreadWakesWfi() throws Exception {
        start(new TestBoard(2, false, TestBoard.BUSY, TestBoard.WFI_LOOP));
        awaitState(1, RunState.WFI);
        String[] firedOn = new String[1];
        board.services().timers().schedule(() -> {
            firedOn[0] = Thread.currentThread().getName();
            m.bigLock().lock(); // as the generic timer does: line change under the big lock, then kick
            try {
                board.setIrq(1, true);
            } finally {
                m.bigLock().unlock();
            }
        }, 20, TimeUnit.MILLISECONDS);
        await("woken by the timer", () -> reg(1, 1) > 10);
        assertEquals("emu4e-timers", firedOn[0]);
    }

    @Test
    void wfeWithAnArmedMonitorWakesWhenTheLocationIsWritten() throws Exception {
        long lock = TestBoard.RAM_BASE + 0x9000;
        // The Linux spin-wait shape: load-exclusive the word, sleep in WFE until it changes.
        create(new TestBoard(2, false, TestBoard.BUSY, "ldr x9, a\n sevl\n wfe\n 1: ldaxr x1, [x9]\n cbnz x1, 2f\n"
                + " wfe\n b 1b\n 2: add x5, x5, #1\n b 2b\n .align 3\n a: .quad " + lock));
        m.monitorWaitMaxNanos = Long.MAX_VALUE; // only the monitor can end this WFE
        m.start();
        awaitState(1, RunState.WFE);
        assertEquals(0, reg(1, 5));
        m.bus().write(lock, 8, 1); // a plain store, no SEV: the global monitor clear is the event
        await("spin-wait left", () -> reg(1, 5) > 0);
        assertEquals(List.of(RunState.RUNNING, RunState.WFE, RunState.RUNNING), rec.states(1));
        assertEquals("monitor", rec.changes(1).get(1).reason());
    }

    @Test
    void aStoreToTheMonitoredLocationWakesWfeAtOnceWithoutPolling() throws Exception {
        long lock = TestBoard.RAM_BASE + 0x9000;
        create(new TestBoard(3, false, TestBoard.BUSY, "ldr x9, a\n sevl\n wfe\n 1: ldaxr x1, [x9]\n cbnz x1, 2f\n"
                + " wfe\n b 1b\n 2: add x5, x5, #1\n b 2b\n .align 3\n a: .quad " + lock,
                // a third core writing the same page, never the location: must not end the wait
                "ldr x9, a\n 1: str x0, [x9, #8]\n add x0, x0, #1\n b 1b\n .align 3\n a: .quad " + lock));
        m.monitorWaitMaxNanos = Long.MAX_VALUE;
        m.monitorPollMinNanos = TimeUnit.HOURS.toNanos(1); // no re-reads: only the store event can wake it
        m.monitorPollMaxNanos = TimeUnit.HOURS.toNanos(1);
        m.start();
        awaitState(1, RunState.WFE);
        await("the neighbour stores", () -> reg(2, 0) > 10_000);
        assertEquals(RunState.WFE, m.vcpu(1).state());
        m.bus().write(lock, 8, 1);
        // Watch the reported states only: reading a register would queue work on the vCPU,
        // which wakes it too.
        await("spin-wait left", () -> rec.states(1).size() >= 3);
        assertEquals(List.of(RunState.RUNNING, RunState.WFE, RunState.RUNNING), rec.states(1));
        assertEquals("monitor", rec.changes(1).get(1).reason());
    }
}
