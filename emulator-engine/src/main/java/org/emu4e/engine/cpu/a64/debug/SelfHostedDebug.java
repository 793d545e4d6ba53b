package org.emu4e.engine.cpu.a64.debug;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.sysreg.SystemRegisters;

/**
 * One PE's self-hosted debug breakpoints and watchpoints as the guest programs them (ARM ARM
 * D2 "AArch64 Self-hosted Debug"): DBGBVR/DBGBCR<n>_EL1 for the six breakpoints and
 * DBGWVR/DBGWCR<n>_EL1 for the four watchpoints of a Cortex-A53 (ID_AA64DFR0_EL1.BRPs = 5,
 * WRPs = 3, CTX_CMPs = 1: breakpoints 4 and 5 are context-aware). They raise guest exceptions
 * (EC 0x30/0x31, 0x34/0x35); the GDB stub's breakpoints ({@link org.emu4e.engine.api.DebugHooks}) stop the vCPU
 * instead and are checked first.
 *
 * <p>The run loop pays for them only while {@link #breakpointsArmed} / {@link #watchpointsArmed}
 * hold: MDSCR_EL1.MDE set, no OS lock or double lock, and at least one enabled unit. Those
 * flags are recomputed by every write that can change them ({@link #update}); the conditions
 * that change with the PE state (EL, PSTATE.D, MDSCR_EL1.KDE) are checked on a match.
 * Owned by the vCPU thread like the rest of the system registers.
 */
public final class SelfHostedDebug {
    public static final int BRPS = 6;
    public static final int WRPS = 4;
    /** The lowest-numbered context-aware breakpoint: BRPs - CTX_CMPs (D17.2.x ID_AA64DFR0_EL1). */
    public static final int FIRST_CONTEXT_BRP = 4;
    /** Fault status "Debug exception" in the ISS of EC 0x30..0x35 (D17.2.37). */
    static final int FSC_DEBUG = 0b100010;

    /** DBGBCR: E, PMC, BAS, HMC, SSC, LBN, BT; DBGWCR: E, PAC, LSC, BAS, HMC, SSC, LBN, WT, MASK. */
    private static final long BCR_WRITABLE = 0x00FF_E1E7L;
    private static final long WCR_WRITABLE = 0x1F1F_FFFFL;

    private final A64Cpu cpu;
    final long[] bvr = new long[BRPS];
    final long[] bcr = new long[BRPS];
    final long[] wvr = new long[WRPS];
    final long[] wcr = new long[WRPS];

    /** The software step state machine's memory of the last stepped instruction. */
    public final SoftwareStep step = new SoftwareStep();

    /** A breakpoint may match: the run loop checks instructions against them. */
    public boolean breakpointsArmed;
    /** A watchpoint may match: every data access is checked. */
    public boolean watchpointsArmed;
    /** Breakpoints armed or MDSCR_EL1.SS set: the run loop looks at this PE's debug state per block. */
    public boolean active;

    public SelfHostedDebug(A64Cpu cpu) {
        this.cpu = cpu;
    }

    /** Cold reset: every unit disabled (the registers are UNKNOWN on reset; zero is one such value). */
    public void reset() {
        java.util.Arrays.fill(bvr, 0);
        java.util.Arrays.fill(bcr, 0);
        java.util.Arrays.fill(wvr, 0);
        java.util.Arrays.fill(wcr, 0);
        update();
    }

    /** Recomputes the flags; called after writes to MDSCR, OSLAR, OSDLR, DBGPRCR and the units, and at reset. */
    public void update() {
        SystemRegisters sys = cpu.sys();
        boolean on = (sys.mdscrEl1 & DebugEnable.MDSCR_MDE) != 0 && !DebugEnable.locked(sys);
        boolean b = false;
        for (long c : bcr) {
            b |= (c & 1) != 0;
        }
        boolean w = false;
        for (long c : wcr) {
            w |= (c & 1) != 0;
        }
        breakpointsArmed = on && b;
        watchpointsArmed = on && w;
        active = breakpointsArmed || (sys.mdscrEl1 & DebugEnable.MDSCR_SS) != 0;
    }

    public long bvr(int n) { return bvr[n]; }

    public long bcr(int n) { return bcr[n]; }

    public long wvr(int n) { return wvr[n]; }

    public long wcr(int n) { return wcr[n]; }

    /** DBGBVR<n>_EL1: bits [1:0] RES0, except on a context-aware unit (context ID in [31:0]). */
    public void setBvr(int n, long v) {
        bvr[n] = n >= FIRST_CONTEXT_BRP ? v : v & ~3L;
    }

    /**
     * DBGBCR<n>_EL1. BAS[1] reads as a copy of BAS[0] and BAS[3] of BAS[2] (only 0b0000, 0b0011,
     * 0b1100 and 0b1111 are meaningful; an A64 instruction is matched by BAS[0]).
     */
    public void setBcr(int n, long v) {
        v &= BCR_WRITABLE;
        v = (v & ~(1L << 6)) | ((v >>> 5 & 1) << 6);
        v = (v & ~(1L << 8)) | ((v >>> 7 & 1) << 8);
        bcr[n] = v;
        update();
    }

    /** DBGWVR<n>_EL1: bits [1:0] RES0. */
    public void setWvr(int n, long v) {
        wvr[n] = v & ~3L;
    }

    public void setWcr(int n, long v) {
        wcr[n] = v & WCR_WRITABLE;
        update();
    }

    /** True if an address breakpoint may lie in [from, to), or a context breakpoint is set. */
    public boolean anyBreakpointIn(long from, long to) {
        for (int n = 0; n < BRPS; n++) {
            if (BreakpointMatch.mayMatchIn(this, n, from, to)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The Breakpoint exception to take before executing the instruction at {@code pc}, or null
     * ({@code AArch64.CheckBreakpoint()}; only when {@link #breakpointsArmed}). FAR is UNKNOWN
     * for breakpoints and is left unchanged.
     */
    public GuestException breakpointAt(long pc) {
        boolean match = false;
        for (int n = 0; n < BRPS && !match; n++) {
            match = BreakpointMatch.matches(cpu, this, n, pc);
        }
        if (!match || !DebugEnable.enabled(cpu)) {
            return null;
        }
        return new GuestException(GuestException.EC_BKPT_LOWER, FSC_DEBUG, 0, false, DebugEnable.target(cpu), false);
    }

    /**
     * Checks a data access of {@code size} bytes at {@code va} that passed translation
     * ({@code AArch64.CheckWatchpoint()}, only when {@link #watchpointsArmed}) and throws the
     * Watchpoint exception: WnR, DFSC = debug, FAR = the address of the access. An access the
     * pseudocode splits into bytes (unaligned, {@code Mem[]}) reports its first watched byte.
     * {@code privileged} is false at EL0 and for LDTR/STTR.
     */
    public void checkWatchpoint(long va, int size, boolean write, boolean privileged) {
        long hit = -1;
        for (int n = 0; n < WRPS; n++) {
            long h = WatchpointMatch.firstMatch(cpu, this, n, va, size, write, privileged);
            if (h != -1 && (hit == -1 || Long.compareUnsigned(h, hit) < 0)) {
                hit = h;
            }
        }
        if (hit == -1 || !DebugEnable.enabled(cpu)) {
            return;
        }
        long far = (va & (size - 1)) == 0 ? va : hit;
        int iss = FSC_DEBUG | (write ? 1 << 6 : 0);
        throw new GuestException(GuestException.EC_WATCH_LOWER, iss, far, true, DebugEnable.target(cpu), false);
    }
}
