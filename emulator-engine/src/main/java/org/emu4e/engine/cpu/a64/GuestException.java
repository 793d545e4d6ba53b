package org.emu4e.engine.cpu.a64;

/**
 * A synchronous exception raised by guest code (ARM ARM D1.10): thrown from instruction
 * handlers and memory accesses, caught by the CPU's run loop, which enters the exception
 * vector. Carries the ESR fields (EC, IL, ISS) and the fault address. No stack trace:
 * these are guest events, not host errors.
 */
public final class GuestException extends RuntimeException {
    // Exception classes, ESR_ELx.EC (D17.2.37).
    public static final int EC_UNKNOWN = 0x00;
    public static final int EC_WFX = 0x01;
    public static final int EC_FP_ACCESS = 0x07;
    public static final int EC_ILLEGAL_STATE = 0x0E;
    public static final int EC_SVC64 = 0x15;
    public static final int EC_HVC64 = 0x16;
    public static final int EC_SMC64 = 0x17;
    public static final int EC_SYSREG = 0x18;
    public static final int EC_IABORT_LOWER = 0x20;
    public static final int EC_IABORT_SAME = 0x21;
    public static final int EC_PC_ALIGN = 0x22;
    public static final int EC_DABORT_LOWER = 0x24;
    public static final int EC_DABORT_SAME = 0x25;
    public static final int EC_SP_ALIGN = 0x26;
    public static final int EC_FP_EXC64 = 0x2C;
    public static final int EC_SERROR = 0x2F;
    public static final int EC_BKPT_LOWER = 0x30;
    public static final int EC_BKPT_SAME = 0x31;
    public static final int EC_SSTEP_LOWER = 0x32;
    public static final int EC_SSTEP_SAME = 0x33;
    public static final int EC_WATCH_LOWER = 0x34;
    public static final int EC_WATCH_SAME = 0x35;
    public static final int EC_BRK64 = 0x3C;

    private final int ec;
    private final int iss;
    private final long far;
    private final boolean farValid;
    /** Target EL, or -1 for "route by the normal rules". */
    private final int targetEl;
    /** True if the preferred return address is the next instruction (SVC/HVC/SMC). */
    private final boolean returnToNext;

    public GuestException(int ec, int iss, long far, boolean farValid, int targetEl, boolean returnToNext) {
        super(null, null, false, false);
        this.ec = ec;
        this.iss = iss;
        this.far = far;
        this.farValid = farValid;
        this.targetEl = targetEl;
        this.returnToNext = returnToNext;
    }

    /** UNDEFINED instruction: EC 0, reported as an exception to the guest. */
    public static GuestException undefined() {
        return new GuestException(EC_UNKNOWN, 0, 0, false, -1, false);
    }

    public static GuestException of(int ec, int iss) {
        return new GuestException(ec, iss, 0, false, -1, false);
    }

    public int ec() { return ec; }

    public int iss() { return iss; }

    public long far() { return far; }

    public boolean farValid() { return farValid; }

    public int targetEl() { return targetEl; }

    public boolean returnToNext() { return returnToNext; }

    @Override
    public String getMessage() {
        return String.format("guest exception EC=0x%02x ISS=0x%07x FAR=0x%x", ec, iss, far);
    }
}
