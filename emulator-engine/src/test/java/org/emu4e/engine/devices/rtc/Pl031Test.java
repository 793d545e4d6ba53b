package org.emu4e.engine.devices.rtc;

import static org.emu4e.engine.devices.rtc.Pl031.*;
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

class Pl031Test {
    private final AtomicLong nanos = new AtomicLong(5_000);
    private final List<Boolean> irq = new ArrayList<>();
    private final Pl031 rtc = new Pl031(new ReentrantLock(), irq::add, nanos::get, () -> 1_700_000_000L);

    private long r(int off) { return rtc.read(off, 4); }

    @Test
    void countsHostSecondsFromWallClock() {
        assertEquals(1_700_000_000L, r(RTCDR));
        nanos.addAndGet(2_500_000_000L);
        assertEquals(1_700_000_002L, r(RTCDR));
        rtc.write(RTCLR, 4, 100);
        assertEquals(100, r(RTCDR));
        assertEquals(100, r(RTCLR));
        assertEquals(1, r(RTCCR));
        assertEquals(0x31, r(0xFE0));
        assertEquals(0xB1, r(0xFFC));
    }

    @Test
    void interruptMaskAndClear() {
        rtc.write(RTCIMSC, 4, 1);
        assertTrue(irq.isEmpty());
        assertEquals(0, r(RTCMIS));
        rtc.write(RTCICR, 4, 1);
        assertEquals(0, r(RTCRIS));
        assertEquals(0, rtc.read(RTCDR, 2), "bad size reads 0");
        rtc.write(RTCDR, 4, 5); // read-only: logged, ignored
    }

    @Test
    void matchRaisesInterrupt() throws InterruptedException {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor();
        try {
            CountDownLatch raised = new CountDownLatch(1);
            Pl031 real = new Pl031(new ReentrantLock(), level -> {
                if (level) {
                    raised.countDown();
                }
            }, System::nanoTime, () -> 1000L);
            real.setScheduler(s);
            real.write(RTCIMSC, 4, 1);
            real.write(RTCMR, 4, real.read(RTCDR, 4)); // already equal: fires at once
            assertTrue(raised.await(10, TimeUnit.SECONDS));
            assertEquals(1, real.read(RTCMIS, 4));
            real.close();
        } finally {
            s.shutdownNow();
        }
    }
}
