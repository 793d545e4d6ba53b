package org.emu4e.engine.devices.timer;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.emu4e.engine.cpu.a64.GenericTimerAccess;

/**
 * The generic timer of one PE (ARM ARM D11 "The Generic Timer in AArch64 state"): the system
 * counter view and three timers (EL1 physical, EL1 virtual, EL2 physical).
 *
 * <pre>
 * MMIO region : none (system registers, through {@link GenericTimerAccess})
 * IRQ lines   : level outputs, given to the PPI sink as INTIDs 30 (CNTP), 27 (CNTV), 26 (CNTHP)
 * Properties  : CNTFRQ = 62.5 MHz; the counter is the host's nanoTime / 16
 * Events      : the event streams of CNTKCTL_EL1/CNTHCTL_EL2, as wake-up times for WFE
 *               ({@link #nextEventStreamNanos}; the vCPU's wait path sleeps until then)
 * </pre>
 * A timer's output is ENABLE && ISTATUS && !IMASK, ISTATUS being counter >= CVAL compared
 * as unsigned 64-bit values (D11.2.4).
 * While an enabled timer has not fired, a deadline is armed on the shared scheduler; when it
 * fires it takes the big lock and updates the line. Register writes come from the PE's own
 * thread and also take the big lock, since they change the interrupt line.
 */
public final class GenericTimer implements GenericTimerAccess {
    public static final long FREQUENCY = 62_500_000L;
    public static final int PPI_PHYS = 30;
    public static final int PPI_VIRT = 27;
    public static final int PPI_HYP = 26;

    /** Where the timer's output lines go (the GIC's PPI inputs of this PE). */
    @FunctionalInterface
    public interface PpiSink {
        void setPpi(int cpu, int intid, boolean level);
    }

    private final int cpu;
    private final ReentrantLock lock;
    private final LongSupplier nanoClock;
    private final long epochNanos;
    private final PpiSink sink;
    private volatile ScheduledExecutorService scheduler;
    private final Channel phys = new Channel(PPI_PHYS, false);
    private final Channel virt = new Channel(PPI_VIRT, true);
    private final Channel hyp = new Channel(PPI_HYP, false);
    private long cntvoff;
    private long cntkctl;
    private long cnthctl;

    /**
     * @param nanoClock  host time source (System::nanoTime in a machine)
     * @param epochNanos host time at which the counter read zero (shared by all PEs)
     */
    public GenericTimer(int cpu, ReentrantLock lock, LongSupplier nanoClock, long epochNanos, PpiSink sink) {
        this.cpu = cpu;
        this.lock = lock;
        this.nanoClock = nanoClock;
        this.epochNanos = epochNanos;
        this.sink = sink;
    }

    /** Gives the timer the shared scheduler for its deadlines (set when the runtime starts). */
    public void setScheduler(ScheduledExecutorService s) { this.scheduler = s; }

    /** CNTPCT: 62.5 MHz, i.e. one tick per 16 ns of host time. */
    public long physicalCount() { return Math.floorDiv(nanoClock.getAsLong() - epochNanos, 16); }

    @Override
    public long read(Reg reg) {
        return switch (reg) {
            case CNTFRQ -> FREQUENCY;
            case CNTPCT -> physicalCount();
            case CNTVCT -> physicalCount() - cntvoff;
            case CNTVOFF -> cntvoff;
            case CNTKCTL -> cntkctl;
            case CNTHCTL -> cnthctl;
            case CNTP_CTL -> phys.ctl();
            case CNTP_CVAL -> phys.cval;
            case CNTP_TVAL -> phys.tval();
            case CNTV_CTL -> virt.ctl();
            case CNTV_CVAL -> virt.cval;
            case CNTV_TVAL -> virt.tval();
            case CNTHP_CTL -> hyp.ctl();
            case CNTHP_CVAL -> hyp.cval;
            case CNTHP_TVAL -> hyp.tval();
        };
    }

    @Override
    public void write(Reg reg, long value) {
        lock.lock();
        try {
            switch (reg) {
                case CNTVOFF -> {
                    cntvoff = value;
                    virt.reevaluate();
                }
                case CNTKCTL -> cntkctl = value & 0x3FF;
                case CNTHCTL -> cnthctl = value & 0xFF;
                case CNTP_CTL -> phys.setCtl(value);
                case CNTP_CVAL -> phys.setCval(value);
                case CNTP_TVAL -> phys.setTval(value);
                case CNTV_CTL -> virt.setCtl(value);
                case CNTV_CVAL -> virt.setCval(value);
                case CNTV_TVAL -> virt.setTval(value);
                case CNTHP_CTL -> hyp.setCtl(value);
                case CNTHP_CVAL -> hyp.setCval(value);
                case CNTHP_TVAL -> hyp.setTval(value);
                default -> { } // CNTFRQ is fixed by the board; counters are read-only
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The sooner of the two event streams (ARM ARM D11.2.3): CNTKCTL_EL1 on CNTVCT, CNTHCTL_EL2
     * on CNTPCT, each with EVNTEN (bit 2), EVNTDIR (bit 3, 0: the selected bit rising, 1:
     * falling) and EVNTI (bits [7:4], the count bit).
     */
    @Override
    public long nextEventStreamNanos() {
        long now = physicalCount();
        long virt = nextEventCount(cntkctl, now - cntvoff);
        long next = Math.min(virt == Long.MAX_VALUE ? virt : virt + cntvoff, nextEventCount(cnthctl, now));
        if (next == Long.MAX_VALUE || next - now > Long.MAX_VALUE / 32) {
            return Long.MAX_VALUE;
        }
        return epochNanos + next * 16;
    }

    /** The count (after {@code count}) at which the stream of control register {@code ctl} fires next. */
    private static long nextEventCount(long ctl, long count) {
        if ((ctl & 4) == 0) {
            return Long.MAX_VALUE;
        }
        int bit = (int) (ctl >>> 4) & 0xF;
        long period = 2L << bit;
        long phase = (ctl & 8) == 0 ? 1L << bit : 0; // rising edge at 2^bit mod 2^(bit+1), falling at 0
        return count - Math.floorMod(count - phase, period) + period;
    }

    /** Reset (timers disabled, outputs low, deadlines cancelled). Big lock held. */
    public void reset() {
        cntvoff = 0;
        cntkctl = 0;
        cnthctl = 3;
        for (Channel c : new Channel[] {phys, virt, hyp}) {
            c.ctl = 0;
            c.cval = 0;
            c.reevaluate();
        }
    }

    /** Cancels pending deadlines (machine shutdown). */
    public void close() {
        lock.lock();
        try {
            phys.cancel();
            virt.cancel();
            hyp.cancel();
        } finally {
            lock.unlock();
        }
    }

    /** One timer: CTL bit 0 ENABLE, bit 1 IMASK, bit 2 ISTATUS (read-only), 64-bit CVAL. */
    private final class Channel {
        private final int intid;
        private final boolean virtual;
        long ctl;
        long cval;
        private volatile boolean output;
        private ScheduledFuture<?> deadline;

        Channel(int intid, boolean virtual) {
            this.intid = intid;
            this.virtual = virtual;
        }

        long count() { return virtual ? physicalCount() - cntvoff : physicalCount(); }

        boolean enabled() { return (ctl & 1) != 0; }

        /** ISTATUS: the condition CVAL <= count, both unsigned 64-bit (D11.2.4). */
        boolean conditionMet() { return conditionMet(count()); }

        private boolean conditionMet(long now) { return Long.compareUnsigned(now, cval) >= 0; }

        /**
         * CTL read. ISTATUS is computed live; if software sees the condition met before the
         * deadline callback has raised the output, the output is raised now, so a guest that
         * saw ISTATUS = 1 (enabled, unmasked) finds the PPI pending at the GIC, as on hardware.
         */
        long ctl() {
            boolean status = enabled() && conditionMet();
            if (status && (ctl & 2) == 0 && !output) {
                lock.lock();
                try {
                    reevaluate();
                } finally {
                    lock.unlock();
                }
            }
            return (ctl & 3) | (status ? 4 : 0);
        }

        /** TVAL reads CVAL - count as a signed 32-bit value (D11.2.4). */
        long tval() { return (int) (cval - count()) & 0xFFFF_FFFFL; }

        void setCtl(long v) {
            ctl = v & 3;
            reevaluate();
        }

        void setCval(long v) {
            cval = v;
            reevaluate();
        }

        void setTval(long v) {
            cval = count() + (int) v;
            reevaluate();
        }

        /** Updates the output line and the deadline. Big lock held. */
        void reevaluate() {
            cancel();
            // One counter reading for both the condition and the deadline: with two, the count
            // could pass CVAL in between (a preempted vCPU thread) and the deadline would be
            // computed from a condition that no longer holds.
            long now = count();
            boolean fired = enabled() && conditionMet(now);
            boolean level = fired && (ctl & 2) == 0;
            if (level != output) {
                output = level;
                sink.setPpi(cpu, intid, level);
            }
            ScheduledExecutorService s = scheduler;
            if (enabled() && !fired && s != null) {
                long ticks = cval - now; // unsigned, > 0 since the condition is not met
                long nanos = ticks < 0 || ticks > Long.MAX_VALUE / 16 ? Long.MAX_VALUE : ticks * 16;
                try {
                    deadline = s.schedule(this::fire, nanos, TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    deadline = null; // scheduler shut down with the machine
                }
            }
        }

        private void fire() {
            lock.lock();
            try {
                reevaluate();
            } finally {
                lock.unlock();
            }
        }

        void cancel() {
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
        }
    }
}
