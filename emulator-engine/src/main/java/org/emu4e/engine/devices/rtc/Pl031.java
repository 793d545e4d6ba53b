package org.emu4e.engine.devices.rtc;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

import org.emu4e.engine.memory.MmioDevice;

/**
 * ARM PrimeCell Real Time Clock PL031 (ARM DDI 0224 "PrimeCell Real Time Clock (PL031)
 * Technical Reference Manual").
 *
 * <pre>
 * MMIO region : 4 KiB (virt: 0x09010000)
 * IRQ lines   : RTCINTR = RTCRIS & RTCIMSC, raised when the counter reaches RTCMR (virt: SPI 2)
 * Properties  : host wall clock (seconds since the epoch) and host monotonic clock
 * </pre>
 * The counter starts at the host's wall-clock time and counts host seconds; RTCLR reloads it.
 * The match interrupt is armed as a deadline on the shared scheduler when one is given.
 */
public final class Pl031 implements MmioDevice {
    static final Logger GUEST = Logger.getLogger("emu4e.guest");

    public static final int RTCDR = 0x00;
    public static final int RTCMR = 0x04;
    public static final int RTCLR = 0x08;
    public static final int RTCCR = 0x0C;
    public static final int RTCIMSC = 0x10;
    public static final int RTCRIS = 0x14;
    public static final int RTCMIS = 0x18;
    public static final int RTCICR = 0x1C;
    private static final int[] ID = {0x31, 0x10, 0x04, 0x00, 0x0D, 0xF0, 0x05, 0xB1};

    private final ReentrantLock lock;
    private final Consumer<Boolean> irq;
    private final LongSupplier nanoClock;
    private final LongSupplier wallSeconds;
    private volatile ScheduledExecutorService scheduler;
    private ScheduledFuture<?> deadline;
    /** Counter value at host time {@link #baseNanos}. */
    private long baseValue;
    private long baseNanos;
    private int match;
    private int imsc;
    private int ris;
    private boolean irqLevel;

    public Pl031(ReentrantLock lock, Consumer<Boolean> irq, LongSupplier nanoClock, LongSupplier wallSeconds) {
        this.lock = lock;
        this.irq = irq;
        this.nanoClock = nanoClock;
        this.wallSeconds = wallSeconds;
        reset();
    }

    public void setScheduler(ScheduledExecutorService s) { this.scheduler = s; }

    @Override
    public String name() { return "pl031"; }

    public void reset() {
        baseValue = wallSeconds.getAsLong();
        baseNanos = nanoClock.getAsLong();
        match = 0;
        imsc = 0;
        ris = 0;
        cancel();
        update();
    }

    private int counter() {
        return (int) (baseValue + (nanoClock.getAsLong() - baseNanos) / 1_000_000_000L);
    }

    @Override
    public long read(long offset, int size) {
        int off = (int) offset;
        if (size != 4 || (off & 3) != 0) {
            GUEST.warning(() -> String.format("pl031: bad %d-byte read at 0x%x", size, off));
            return 0;
        }
        return switch (off) {
            case RTCDR -> counter() & 0xFFFF_FFFFL;
            case RTCMR -> match & 0xFFFF_FFFFL;
            case RTCLR -> baseValue & 0xFFFF_FFFFL;
            case RTCCR -> 1; // always started
            case RTCIMSC -> imsc;
            case RTCRIS -> ris;
            case RTCMIS -> ris & imsc;
            default -> {
                if (off >= 0xFE0 && off <= 0xFFC) {
                    yield ID[(off - 0xFE0) >> 2];
                }
                GUEST.warning(() -> String.format("pl031: read of unknown register 0x%x", off));
                yield 0;
            }
        };
    }

    @Override
    public void write(long offset, int size, long value) {
        int off = (int) offset;
        if (size != 4 || (off & 3) != 0) {
            GUEST.warning(() -> String.format("pl031: bad %d-byte write at 0x%x", size, off));
            return;
        }
        int v = (int) value;
        switch (off) {
            case RTCMR -> {
                match = v;
                arm();
            }
            case RTCLR -> {
                baseValue = v & 0xFFFF_FFFFL;
                baseNanos = nanoClock.getAsLong();
                arm();
            }
            case RTCCR -> { } // writing 0 cannot stop the RTC once started (TRM 3.3.4)
            case RTCIMSC -> imsc = v & 1;
            case RTCICR -> ris &= ~v & 1;
            default -> GUEST.warning(() -> String.format("pl031: write to read-only or unknown register 0x%x", off));
        }
        update();
    }

    private void update() {
        boolean level = (ris & imsc) != 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.accept(level);
        }
    }

    /** Schedules the match interrupt (counter == RTCMR) on the scheduler. */
    private void arm() {
        cancel();
        ScheduledExecutorService s = scheduler;
        if (s == null) {
            return;
        }
        long seconds = Integer.toUnsignedLong(match - counter());
        long nanosIntoSecond = (nanoClock.getAsLong() - baseNanos) % 1_000_000_000L;
        long delay = seconds * 1_000_000_000L - nanosIntoSecond;
        try {
            deadline = s.schedule(this::fire, Math.max(0, delay), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            deadline = null;
        }
    }

    private void fire() {
        lock.lock();
        try {
            deadline = null;
            ris |= 1; // the deadline was computed for the second the counter reaches RTCMR
            update();
        } finally {
            lock.unlock();
        }
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    public void close() {
        lock.lock();
        try {
            cancel();
        } finally {
            lock.unlock();
        }
    }
}
