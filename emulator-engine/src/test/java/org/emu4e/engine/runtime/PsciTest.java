package org.emu4e.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.emu4e.engine.api.DebugStop;
import org.emu4e.engine.api.MachineState;
import org.emu4e.engine.api.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PsciTest extends RuntimeTestBase {
    /** CPU 0 turns CPU 1 on through HVC PSCI CPU_ON, keeps the result in x0 and spins. */
    private static final String CPU_ON_1 = "ldr x0, fn\n ldr x1, tgt\n ldr x2, ent\n ldr x3, ctx\n hvc #0\n"
            + "1: add x5, x5, #1\n b 1b\n .align 3\n fn: .quad 0xC4000003\n tgt: .quad 1\n"
            + "ent: .quad " + TestBoard.entry(1) + "\n ctx: .quad 0x1234\n";
    /** Keeps its context id in x4, then turns itself off through PSCI CPU_OFF. */
    private static final String SELF_OFF = "add x4, x0, #0\n ldr x0, fn\n hvc #0\n 1: b 1b\n .align 3\n fn: .quad 0x84000002\n";
    private static final String COUNT = "add x4, x0, #0\n 1: add x5, x5, #1\n b 1b";

    @Test
    void guestCpuOnStartsTheSecondaryWhichTurnsItselfOff() throws Exception {
        start(new TestBoard(2, true, CPU_ON_1, SELF_OFF));
        RuntimeServices s = board.services();
        await("cpu 1 off again", () -> rec.count(1) >= 2 && m.vcpu(1).state() == RunState.PSCI_OFF);
        assertEquals(0, reg(0, 0), "CPU_ON returned SUCCESS");
        assertEquals(0x1234, reg(1, 4), "x0 = context id at entry");
        assertEquals(List.of(RunState.PSCI_OFF, RunState.RUNNING, RunState.PSCI_OFF), rec.states(1));
        assertEquals(RuntimeServices.AFFINITY_OFF, s.psciAffinityInfo(1));
        assertEquals(RuntimeServices.AFFINITY_ON, s.psciAffinityInfo(0));
        // The host (like another CPU) can start it again.
        assertEquals(RuntimeServices.PSCI_SUCCESS, s.psciCpuOn(1, TestBoard.entry(1), 77));
        await("cpu 1 off a second time", () -> rec.count(1) >= 4 && m.vcpu(1).state() == RunState.PSCI_OFF);
        assertEquals(77, reg(1, 4));
        assertEquals(RuntimeServices.PSCI_ALREADY_ON, s.psciCpuOn(0, 0, 0));
        assertEquals(RuntimeServices.PSCI_INVALID_PARAMETERS, s.psciCpuOn(5, 0, 0));
        assertEquals(RuntimeServices.PSCI_INVALID_PARAMETERS, s.psciAffinityInfo(-1));
    }

    @Test
    void racingCpuOnsHaveExactlyOneSuccess() throws Exception {
        start(new TestBoard(4, true, TestBoard.BUSY, COUNT));
        RuntimeServices s = board.services();
        int callers = 6;
        for (int round = 0; round < 40; round++) {
            AtomicIntegerArray success = new AtomicIntegerArray(4);
            AtomicIntegerArray other = new AtomicIntegerArray(4);
            CyclicBarrier barrier = new CyclicBarrier(callers);
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < callers; t++) {
                int target = 1 + t % 3;
                int ctxId = t;
                Thread th = new Thread(() -> {
                    try {
                        barrier.await();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    int r = s.psciCpuOn(target, TestBoard.entry(target), ctxId);
                    if (r == RuntimeServices.PSCI_SUCCESS) {
                        success.incrementAndGet(target);
                    } else if (r == RuntimeServices.PSCI_ALREADY_ON || r == RuntimeServices.PSCI_ON_PENDING) {
                        other.incrementAndGet(target);
                    }
                });
                ts.add(th);
                th.start();
            }
            for (Thread th : ts) {
                th.join();
            }
            for (int c = 1; c < 4; c++) {
                assertEquals(1, success.get(c), "round " + round + " cpu " + c);
                assertEquals(1, other.get(c));
                awaitState(c, RunState.RUNNING);
                assertEquals(RuntimeServices.AFFINITY_ON, s.psciAffinityInfo(c));
                int cpu = c;
                m.vcpu(c).asyncRun(ctx -> s.psciCpuOff(cpu));
                awaitState(c, RunState.PSCI_OFF);
                assertEquals(RuntimeServices.AFFINITY_OFF, s.psciAffinityInfo(c));
            }
        }
    }

    @Test
    void guestSystemOffShutsTheMachineDown() throws Exception {
        create(new TestBoard(2, false, "ldr x0, fn\n hvc #0\n 1: b 1b\n .align 3\n fn: .quad 0x84000008\n",
                TestBoard.WFI_LOOP));
        List<DebugStop> stops = new java.util.concurrent.CopyOnWriteArrayList<>();
        m.debug().addStopListener(stops::add);
        m.start();
        assertTrue(m.awaitShutdown(Duration.ofSeconds(10)));
        assertEquals(List.of(DebugStop.Reason.GUEST_SHUTDOWN), stops.stream().map(DebugStop::reason).toList());
        assertEquals(0, m.exitCode());
        assertEquals(MachineState.SHUTDOWN, m.machineState());
        assertEquals(1, board.closes.get());
        m.shutdown(); // idempotent
        assertEquals(1, board.closes.get());
    }

    @Test
    void systemResetResetsDevicesAndEveryVcpu() throws Exception {
        start(new TestBoard(2, true, TestBoard.BUSY, COUNT));
        RuntimeServices s = board.services();
        assertEquals(0, s.psciCpuOn(1, TestBoard.entry(1), 5));
        awaitState(1, RunState.RUNNING);
        await("counting", () -> reg(0, 0) > 50_000);
        m.reset();
        assertEquals(1, board.deviceResets.get());
        awaitState(1, RunState.PSCI_OFF);
        assertEquals(RuntimeServices.AFFINITY_OFF, s.psciAffinityInfo(1));
        assertEquals(0, reg(1, 5), "registers reset");
        assertEquals(RuntimeServices.PSCI_SUCCESS, s.psciCpuOn(1, TestBoard.entry(1), 9));
        await("context id 9 in x4", () -> reg(1, 4) == 9);
    }
}
