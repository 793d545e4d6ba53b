package org.emu4e.engine.cpu.a64.insn.ldst;

import org.emu4e.engine.api.DebugHooks;
import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuExit;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;

/** Checks shared by the load/store handlers: SP alignment, data alignment, aborts. */
final class Access {
    /** SCTLR_ELx.A, SA, SA0 (D17.2.118). */
    private static final long SCTLR_A = 1L << 1;
    private static final long SCTLR_SA = 1L << 3;
    private static final long SCTLR_SA0 = 1L << 4;
    /** DFSC "Alignment fault" (D17.2.40). */
    static final int DFSC_ALIGNMENT = 0b100001;

    private Access() { }

    private static long sctlr(A64Cpu cpu) {
        int el = cpu.state().el;
        return cpu.sys().sctlr[el == 0 ? 1 : el];
    }

    /**
     * The base register Xn|SP; for SP, the stack alignment check of D1.8.2 when
     * SCTLR_ELx.SA (SA0 at EL0) is set.
     */
    static long base(A64Cpu cpu, int rn) {
        CpuState s = cpu.state();
        if (rn != 31) {
            return s.x[rn];
        }
        long sp = s.currentSp();
        checkSp(cpu, sp);
        return sp;
    }

    /** The stack alignment check of D1.8.2 for {@code sp} used as a base register. */
    static void checkSp(A64Cpu cpu, long sp) {
        if ((sp & 0xF) != 0) {
            long check = cpu.state().el == 0 ? SCTLR_SA0 : SCTLR_SA;
            if ((sctlr(cpu) & check) != 0) {
                throw GuestException.of(GuestException.EC_SP_ALIGN, 0);
            }
        }
    }

    /** Alignment check of an ordinary access: only when SCTLR_ELx.A is set. */
    static void checkNormal(A64Cpu cpu, long va, int bytes, boolean write) {
        if ((va & (bytes - 1)) != 0 && (sctlr(cpu) & SCTLR_A) != 0) {
            throw alignmentFault(cpu, va, write);
        }
    }

    /** Exclusives and acquire/release always require natural alignment of the whole access. */
    static void checkAligned(A64Cpu cpu, long va, int bytes, boolean write) {
        if ((va & (bytes - 1)) != 0) {
            throw alignmentFault(cpu, va, write);
        }
    }

    /** Data Abort with DFSC = Alignment fault, ISV = 0, WnR for stores (D17.2.40). */
    static GuestException alignmentFault(A64Cpu cpu, long va, boolean write) {
        int ec = cpu.state().el == 0 ? GuestException.EC_DABORT_LOWER : GuestException.EC_DABORT_SAME;
        int iss = DFSC_ALIGNMENT | (write ? 1 << 6 : 0);
        return new GuestException(ec, iss, va, true, -1, false);
    }

    /**
     * Watchpoint checks (the debugger's, then the guest's own) for accesses that bypass
     * {@code A64Cpu.read/write} (the exclusives' physical reads and compare-and-sets), with
     * the same effect as the CPU's own checks; called after the access passed translation.
     */
    static void watch(A64Cpu cpu, long va, int bytes, boolean write) {
        DebugHooks d = cpu.debug;
        if (d != null && d.hasWatchpoints()) {
            long hit = d.watchpointHit(va, bytes, write);
            if (hit != -1) {
                cpu.lastWatchAddress = hit;
                cpu.pendingExit = CpuExit.WATCHPOINT;
            }
        }
        if (cpu.selfDebug().watchpointsArmed) {
            cpu.selfDebug().checkWatchpoint(va, bytes, write, cpu.state().el != 0);
        }
    }

    static long signExtend(long v, int bytes) {
        int sh = 64 - 8 * bytes;
        return (v << sh) >> sh;
    }
}
