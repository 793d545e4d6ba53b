package org.emu4e.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

import org.emu4e.engine.api.PowerControl;
import org.emu4e.engine.api.RunState;
import org.emu4e.engine.api.StateChange;
import org.emu4e.engine.cpu.a64.CpuContext;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pastalab.fray.junit.junit5.FrayTestExtension;
import org.pastalab.fray.junit.junit5.annotations.ConcurrencyTest;

/**
 * Systematic concurrency tests (Fray) of the real run-state core: the {@link WaitPath}, and a
 * real {@link MttcgMachine} whose vCPU thread runs real A64 code on a {@link CoreBoard}, against
 * host threads that halt/resume it through the PMU, raise its interrupt, kick it and race PSCI
 * CPU_ON. Fray controls every thread switch at the synchronisation points of the JDK (locks,
 * conditions, atomics, parks, joins) and explores a different interleaving each iteration.
 * Every wait in these scenarios is untimed, so a lost wake-up leaves all threads blocked, which
 * Fray reports as a deadlock. Runs only on Fray's instrumented JDK (the pom's fray profile,
 * tag FrayTest); elsewhere JUnit reports the tests as skipped.
 */
@ExtendWith(FrayTestExtension.class)
class RuntimeCoreFrayTest {

    /** A queued piece of work and its wake-up, from two threads, against the sleeper's check-then-sleep. */
    @ConcurrencyTest(iterations = 1000)
    void waitPathLosesNoWakeUp() throws InterruptedException {
        WaitPath wait = new WaitPath();
        ConcurrentLinkedQueue<Integer> work = new ConcurrentLinkedQueue<>();
        Thread sleeper = new Thread(() -> {
            int seen = 0;
            while (seen < 2) {
                while (work.poll() != null) {
                    seen++;
                }
                if (seen < 2) {
                    wait.sleep(() -> false); // the vCPU loop's sleep: nothing but a kick ends it
                }
            }
        }, "emu4e-vcpu-0");
        sleeper.start();
        Thread waker = new Thread(() -> {
            work.add(1);
            wait.wakeUp();
        }, "waker");
        waker.start();
        work.add(2);
        wait.wakeUp();
        waker.join();
        sleeper.join(); // never returns if a wake-up was lost: Fray reports the deadlock
    }

    /**
     * A vCPU in its WFI loop with IRQs unmasked; one host thread halts and then resumes it
     * through the PMU while the main thread raises its interrupt. The halt is reported as
     * PMU_HALTED, the resume as not halted by the PMU, the interrupt is taken exactly once
     * (kept pending across the halt, never lost) and never while a halt reason holds.
     */
    @ConcurrencyTest(iterations = 300)
    void pmuHaltAndResumeRaceWfiAndAnInterrupt() throws InterruptedException {
        Rig r = new Rig(new CoreBoard(1, true, CoreBoard.WFI_IRQ));
        r.start();
        PowerControl pmu = r.m.pmu();
        RunState[] got = new RunState[2];
        Thread host = new Thread(() -> {
            got[0] = pmu.halt(0).join();
            got[1] = pmu.resume(0).join();
        }, "host-pmu");
        host.start();
        r.board.setIrq(0, true);
        r.board.acked.acquire(); // the interrupt is delivered (else: deadlock)
        host.join();
        r.shutdown();
        assertEquals(RunState.PMU_HALTED, got[0], "halt reported");
        assertTrue(got[1] == RunState.RUNNING || got[1] == RunState.WFI, "resume reported " + got[1]);
        assertEquals(1, r.board.delivered.get(0), "interrupt delivered once");
        r.assertClean();
    }

    /**
     * A vCPU asleep in WFI (IRQs masked, no interrupt ever) is PMU-halted and resumed while
     * another thread kicks it and queues empty work: it must come back in WFI, and no kick or
     * work item may end its WFI (it never reports RUNNING again).
     */
    @ConcurrencyTest(iterations = 300)
    void haltedInWfiStaysInWfiAcrossResumeAndKicks() throws InterruptedException {
        Rig r = new Rig(new CoreBoard(1, true, CoreBoard.WFI_LOOP));
        Semaphore inWfi = new Semaphore(0);
        r.m.addStateListener(c -> {
            if (c.to() == RunState.WFI && c.from() == RunState.RUNNING) {
                inWfi.release();
            }
        });
        r.start();
        inWfi.acquire();
        Thread kicker = new Thread(() -> {
            r.m.vcpu(0).kick();
            r.m.vcpu(0).asyncRun(ctx -> { });
        }, "kicker");
        kicker.start();
        RunState halted = r.m.pmu().halt(0).join();
        RunState resumed = r.m.pmu().resume(0).join();
        kicker.join();
        r.m.vcpu(0).runSync(ctx -> { }); // one more wake-up, then the state must still be WFI
        RunState last = r.m.vcpu(0).state();
        r.shutdown();
        assertEquals(RunState.PMU_HALTED, halted);
        assertEquals(RunState.WFI, resumed, "a core halted in WFI is still in WFI once resumed");
        assertEquals(RunState.WFI, last);
        List<RunState> states = r.rec.states(0);
        assertEquals(List.of(RunState.RUNNING, RunState.WFI, RunState.PMU_HALTED, RunState.WFI), states);
        r.assertClean();
    }

    /**
     * Three threads CPU_ON the same powered-off core at once: exactly one gets SUCCESS, the
     * others ALREADY_ON or ON_PENDING; the core starts once, with the winner's context id in x0.
     */
    @ConcurrencyTest(iterations = 300)
    void racingCpuOnHasExactlyOneWinner() throws InterruptedException {
        Rig r = new Rig(new CoreBoard(1, false, CoreBoard.WFI_LOOP));
        Semaphore started = new Semaphore(0);
        r.m.addStateListener(c -> {
            if (c.from() == RunState.PSCI_OFF) {
                started.release();
            }
        });
        r.start();
        RuntimeServices s = r.board.services();
        int[] result = new int[3];
        List<Thread> racers = new ArrayList<>();
        for (int i = 1; i < 3; i++) {
            int me = i;
            Thread t = new Thread(() -> result[me] = s.psciCpuOn(0, CoreBoard.entry(0), 100 + me), "racer-" + i);
            racers.add(t);
            t.start();
        }
        result[0] = s.psciCpuOn(0, CoreBoard.entry(0), 100);
        for (Thread t : racers) {
            t.join();
        }
        started.acquire(); // the winner's start runs on the core (else: deadlock)
        long x0 = r.m.vcpu(0).callSync(ctx -> CpuContext.cpuOf(ctx).state().x(0));
        int affinity = s.psciAffinityInfo(0);
        r.shutdown();
        int winners = 0;
        int winner = -1;
        for (int i = 0; i < 3; i++) {
            if (result[i] == RuntimeServices.PSCI_SUCCESS) {
                winners++;
                winner = i;
            } else {
                assertTrue(result[i] == RuntimeServices.PSCI_ALREADY_ON || result[i] == RuntimeServices.PSCI_ON_PENDING,
                        "loser got " + result[i]);
            }
        }
        assertEquals(1, winners, "exactly one CPU_ON succeeds");
        assertEquals(100 + winner, x0, "the core started with the winner's context id");
        assertEquals(RuntimeServices.AFFINITY_ON, affinity);
        assertEquals(0, started.availablePermits(), "the core left PSCI_OFF once");
        r.assertClean();
    }

    /**
     * The vCPU turns itself off (guest HVC PSCI CPU_OFF) while the main thread retries CPU_ON
     * and a host thread halts and resumes it through the PMU: CPU_ON answers ALREADY_ON until
     * the core is off, then succeeds once; the core restarts at the new entry with the given
     * context id and reaches its WFI, whatever the PMU did meanwhile.
     */
    @ConcurrencyTest(iterations = 300)
    void selfCpuOffRacesCpuOnAndPmuHalt() throws InterruptedException {
        Rig r = new Rig(new CoreBoard(1, true, CoreBoard.SELF_OFF));
        Semaphore restartedInWfi = new Semaphore(0);
        r.m.addStateListener(c -> {
            if (c.to() == RunState.WFI) { // only the restart program waits for interrupts
                restartedInWfi.release();
            }
        });
        r.start();
        RuntimeServices s = r.board.services();
        RunState[] pmu = new RunState[2];
        Thread host = new Thread(() -> {
            pmu[0] = r.m.pmu().halt(0).join();
            pmu[1] = r.m.pmu().resume(0).join();
        }, "host-pmu");
        host.start();
        int res;
        while ((res = s.psciCpuOn(0, CoreBoard.restart(0), 7)) != RuntimeServices.PSCI_SUCCESS) {
            assertEquals(RuntimeServices.PSCI_ALREADY_ON, res, "CPU_ON of a core that is on");
            Thread.yield();
        }
        restartedInWfi.acquire(); // the restart is not lost behind the halt (else: deadlock)
        host.join();
        long x0 = r.m.vcpu(0).callSync(ctx -> CpuContext.cpuOf(ctx).state().x(0));
        int affinity = s.psciAffinityInfo(0);
        r.shutdown();
        assertEquals(RunState.PMU_HALTED, pmu[0]);
        assertTrue(pmu[1] != RunState.PMU_HALTED, "resume reported " + pmu[1]);
        assertEquals(7, x0, "restarted with the CPU_ON context id");
        assertEquals(RuntimeServices.AFFINITY_ON, affinity);
        List<RunState> states = r.rec.states(0);
        // PSCI_OFF may never be reported: a PMU halt (stronger) can cover the whole off period
        assertTrue(states.contains(RunState.PMU_HALTED), states.toString());
        assertTrue(states.indexOf(RunState.PSCI_OFF) < states.indexOf(RunState.WFI), states.toString());
        r.assertClean();
    }

    /**
     * A debugger stops and continues the vCPU while the PMU halts and resumes it from another
     * thread: both requests are answered (no lost wake-up), the halt is reported as PMU_HALTED or
     * the stronger DEBUG_STOPPED, and once both are released neither reason is left behind.
     */
    @ConcurrencyTest(iterations = 300)
    void debugStopAndPmuHaltFromTwoThreads() throws InterruptedException {
        Rig r = new Rig(new CoreBoard(1, true, CoreBoard.WFI_LOOP));
        r.start();
        Thread debugger = new Thread(() -> {
            r.m.debug().stop(0).join();
            r.m.debug().resume(0);
        }, "debugger");
        debugger.start();
        RunState halted = r.m.pmu().halt(0).join();
        RunState resumed = r.m.pmu().resume(0).join();
        debugger.join();
        String left = r.m.vcpu(0).callSync(ctx -> {
            RunReasons why = ((VcpuThread) ctx).reasons();
            return why.debugStopped || why.pmuHalted || why.paused ? why.toString() : "";
        });
        r.shutdown();
        assertTrue(halted == RunState.PMU_HALTED || halted == RunState.DEBUG_STOPPED, "halt reported " + halted);
        assertTrue(resumed != RunState.PMU_HALTED, "resume reported " + resumed);
        assertEquals("", left, "reasons left after both released");
        r.assertClean();
    }

    /** One machine on a {@link CoreBoard} with a state recorder. */
    private static final class Rig {
        final CoreBoard board;
        final MttcgMachine m;
        final StateRecorder rec;
        private boolean started;

        Rig(CoreBoard board) {
            this.board = board;
            this.m = new MttcgMachine(board);
            this.rec = new StateRecorder(m, true);
        }

        void start() {
            if (!started) {
                started = true;
                m.start();
            }
        }

        void shutdown() {
            start();
            m.shutdown();
        }

        /** No internal failure (the owner-thread assertions run with -ea), chained histories, clean handler. */
        void assertClean() {
            boolean assertions = false;
            assert assertions = true;
            assertTrue(assertions, "run with -ea: the vCPU loop's owner-thread assertion must be on");
            assertEquals(List.of(), m.failures(), "internal failures");
            assertEquals(List.of(), List.copyOf(rec.violations), "state history violations");
            assertEquals(List.of(), List.copyOf(board.violations), "guest code while halted");
            for (int i = 0; i < m.cpuCount(); i++) {
                for (StateChange c : rec.changes(i)) {
                    // a change is named after the event that made the state it reports: going up
                    // to PMU_HALTED from a weaker state, that is the halt (down from DEBUG_STOPPED
                    // or PAUSED it is the debugger's or the host's release)
                    boolean upToHalt = c.to() == RunState.PMU_HALTED && c.from() != RunState.DEBUG_STOPPED
                            && c.from() != RunState.PAUSED;
                    assertFalse(upToHalt && !c.reason().equals("pmu halt"), c.toString());
                }
            }
        }
    }
}
