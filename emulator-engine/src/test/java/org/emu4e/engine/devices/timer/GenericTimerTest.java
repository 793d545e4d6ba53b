package org.emu4e.engine.devices.timer;

import static org.emu4e.engine.cpu.a64.GenericTimerAccess.Reg.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;

class GenericTimerTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<String> lines = new ArrayList<>();
    private final GenericTimer t = new GenericTimer(2, new ReentrantLock(), now::get, 1_000_000,
            (cpu, id, level) -> lines.add(cpu + ":" + id + "=" + level));

    @Test
    void counterRunsAt62500kHz() {
        assertEquals(62_500_000L, t.read(CNTFRQ));
        assertEquals(0, t.read(CNTPCT));
        now.addAndGet(1_000_000_000L);
        assertEquals(62_500_000L, t.read(CNTPCT));
        t.write(CNTVOFF, 500);
        assertEquals(62_500_000L - 500, t.read(CNTVCT));
        assertEquals(500, t.read(CNTVOFF));
    }

    /** Host time (ns after the counter's epoch) of the next event-stream event, or -1 for none. */
    private long nextStream() {
        long at = t.nextEventStreamNanos();
        return at == Long.MAX_VALUE ? -1 : at - 1_000_000;
    }

    @Test
    void eventStreamOfCntkctlFollowsTheVirtualCountBit() {
        assertEquals(-1, nextStream(), "EVNTEN = 0: no stream");
        // EVNTEN, EVNTDIR = 0 (0 -> 1 transition), EVNTI = 4: bit 4 rises at counts 16, 48, 80 ...
        t.write(CNTKCTL, 1 << 2 | 4 << 4);
        assertEquals(16 * 16, nextStream());
        now.addAndGet(16 * 16);
        assertEquals(48 * 16, nextStream(), "at a transition, the next one is a period (2^5 counts) later");
        now.addAndGet(5 * 16);
        assertEquals(48 * 16, nextStream());
        t.write(CNTKCTL, 1 << 2 | 1 << 3 | 4 << 4); // EVNTDIR = 1: bit 4 falls at counts 32, 64 ...
        assertEquals(32 * 16, nextStream());
        t.write(CNTVOFF, 3); // the virtual count is 3 behind: it reaches 32 at physical count 35
        assertEquals(35 * 16, nextStream());
        assertEquals(1 << 2 | 1 << 3 | 4 << 4, t.read(CNTKCTL), "EVNTEN, EVNTDIR, EVNTI read back");
    }

    @Test
    void eventStreamOfCnthctlFollowsThePhysicalCount() {
        t.write(CNTVOFF, 3);
        t.write(CNTHCTL, 3 | 1 << 2 | 0 << 4); // EVNTI = 0: bit 0 rises at every odd count
        assertEquals(16, nextStream());
        t.write(CNTKCTL, 1 << 2 | 4 << 4);
        assertEquals(16, nextStream(), "the sooner of both streams");
        now.addAndGet(16);
        assertEquals(3 * 16, nextStream());
    }

    @Test
    void physicalTimerFiresAtCval() {
        t.write(CNTP_CVAL, 100);
        t.write(CNTP_CTL, 1);
        assertEquals(1, t.read(CNTP_CTL), "enabled, not yet fired");
        assertTrue(lines.isEmpty());
        now.addAndGet(100 * 16);
        assertEquals(5, t.read(CNTP_CTL), "ISTATUS reads live");
        t.write(CNTP_CTL, 1); // any write re-evaluates the line (deadline callbacks do the same)
        assertEquals(List.of("2:30=true"), lines);
        t.write(CNTP_CTL, 3); // IMASK
        assertEquals(7, t.read(CNTP_CTL));
        assertEquals(List.of("2:30=true", "2:30=false"), lines);
        t.write(CNTP_CTL, 0);
        assertEquals(0, t.read(CNTP_CTL), "ISTATUS is 0 while disabled");
    }

    @Test
    void tvalIsSigned32BitDistance() {
        now.addAndGet(1000 * 16);
        t.write(CNTV_TVAL, 50);
        assertEquals(1050, t.read(CNTV_CVAL));
        assertEquals(50, t.read(CNTV_TVAL));
        now.addAndGet(60 * 16);
        assertEquals(0xFFFF_FFF6L, t.read(CNTV_TVAL), "-10 as 32 bits");
        t.write(CNTV_TVAL, 0xFFFF_FFFFL); // -1: already expired
        assertEquals(1059, t.read(CNTV_CVAL));
        t.write(CNTV_CTL, 1);
        assertEquals(List.of("2:27=true"), lines);
    }

    @Test
    void hypTimerUsesPpi26() {
        t.write(CNTHP_CVAL, 0);
        t.write(CNTHP_CTL, 1);
        assertEquals(List.of("2:26=true"), lines);
        t.reset();
        assertEquals(List.of("2:26=true", "2:26=false"), lines);
    }

    @Test
    void deadlineOnSchedulerRaisesLine() throws InterruptedException {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor();
        try {
            CountDownLatch fired = new CountDownLatch(1);
            ReentrantLock lock = new ReentrantLock();
            GenericTimer real = new GenericTimer(0, lock, System::nanoTime, System.nanoTime(),
                    (cpu, id, level) -> {
                        assertTrue(lock.isHeldByCurrentThread(), "line changes under the big lock");
                        if (level) {
                            fired.countDown();
                        }
                    });
            real.setScheduler(s);
            real.write(CNTP_TVAL, 62_500); // 1 ms
            real.write(CNTP_CTL, 1);
            assertTrue(fired.await(10, TimeUnit.SECONDS));
            assertEquals(5, real.read(CNTP_CTL));
            real.close();
        } finally {
            s.shutdownNow();
        }
    }

    /**
     * The count passing CVAL between two readings inside one evaluation (a vCPU thread
     * preempted there) must not leave the timer without a deadline: here every reading of the
     * clock advances it by 2 ticks, so the condition is read one tick short of CVAL and a second
     * reading would be one tick past it.
     */
    @Test
    void aCountPassingCvalDuringTheEvaluationStillFires() throws InterruptedException {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor();
        try {
            AtomicLong clock = new AtomicLong();
            CountDownLatch fired = new CountDownLatch(1);
            GenericTimer real = new GenericTimer(0, new ReentrantLock(), () -> clock.addAndGet(32), 0,
                    (cpu, id, level) -> {
                        if (level) {
                            fired.countDown();
                        }
                    });
            real.setScheduler(s);
            real.write(CNTP_CVAL, -1);  // enabled below with a CVAL that is never reached
            real.write(CNTP_CTL, 1);
            long c = real.read(CNTPCT);
            real.write(CNTP_CVAL, c + 3); // evaluated at count c + 2: not yet, deadline 1 tick away
            assertTrue(fired.await(10, TimeUnit.SECONDS), "the timer never fired");
            real.close();
        } finally {
            s.shutdownNow();
        }
    }

    /** D11.2.4: the condition is CVAL <= count as unsigned values; a far CVAL never fires. */
    @Test
    void cvalComparesUnsigned() {
        now.addAndGet(1000 * 16);
        t.write(CNTP_CVAL, -1L); // 2^64 - 1
        t.write(CNTP_CTL, 1);
        assertEquals(1, t.read(CNTP_CTL), "ISTATUS 0 for CVAL = 2^64-1");
        t.write(CNTP_CVAL, Long.MIN_VALUE); // 2^63
        assertEquals(1, t.read(CNTP_CTL), "ISTATUS 0 for CVAL = 2^63");
        assertTrue(lines.isEmpty(), "no interrupt: " + lines);
        t.write(CNTP_CVAL, 999);
        assertEquals(5, t.read(CNTP_CTL));
        assertEquals(List.of("2:30=true"), lines);
    }

    /** Software that reads ISTATUS = 1 finds the interrupt asserted, before any deadline callback. */
    @Test
    void readingIstatusRaisesTheLineItReports() {
        t.write(CNTV_CVAL, 10);
        t.write(CNTV_CTL, 1);
        now.addAndGet(10 * 16);
        assertTrue(lines.isEmpty());
        assertEquals(5, t.read(CNTV_CTL));
        assertEquals(List.of("2:27=true"), lines, "the read raised the PPI");
        t.write(CNTV_CTL, 3);
        assertEquals(7, t.read(CNTV_CTL), "masked: ISTATUS still 1");
        assertEquals(List.of("2:27=true", "2:27=false"), lines, "a masked read raises nothing");
    }
}
