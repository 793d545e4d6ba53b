package org.emu4e.engine.cpu.a64;

/**
 * The generic timer as the PE's system registers see it (ARM ARM D11 "The Generic Timer").
 * Implemented by the board's timer device; its interrupt outputs are PPIs on the GIC.
 */
public interface GenericTimerAccess {
    enum Reg { CNTFRQ, CNTPCT, CNTVCT, CNTVOFF, CNTKCTL, CNTP_CTL, CNTP_CVAL, CNTP_TVAL, CNTV_CTL, CNTV_CVAL, CNTV_TVAL,
        CNTHCTL, CNTHP_CTL, CNTHP_CVAL, CNTHP_TVAL }

    long read(Reg reg);

    void write(Reg reg, long value);

    /**
     * Host {@code System.nanoTime()} at which this PE's next event-stream event occurs (ARM ARM
     * D11.2.3 "Event streams": CNTKCTL_EL1 on the virtual count, CNTHCTL_EL2 on the physical
     * count), or {@code Long.MAX_VALUE} while neither stream is enabled. An event sets the
     * event register, so a WFE waits at most one stream period.
     */
    default long nextEventStreamNanos() { return Long.MAX_VALUE; }
}
