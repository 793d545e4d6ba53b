package org.emu4e.engine.cpu.a64.mmu;

import java.util.HashMap;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.TlbInvalidation;
import org.emu4e.engine.cpu.a64.sysreg.SysRegAccess;
import org.emu4e.engine.cpu.a64.sysreg.SystemRegisters;

/**
 * Stage 1 address translation for one PE with its own soft TLBs (ARM ARM D8 "The AArch64
 * Virtual Memory System Architecture"). The fast path is a TLB hit plus permission and
 * alignment checks; misses walk the tables ({@link Walker}). With the stage 1 MMU off, VA ==
 * PA and data accesses are Device-nGnRnE, so unaligned ones fault (D8.2.10).
 *
 * <p>Stage 2 (HCR_EL2.VM) is not implemented: EL1&0 addresses are final physical addresses.
 */
public final class Mmu {
    public static final int READ = 0;
    public static final int WRITE = 1;
    public static final int FETCH = 2;

    // Permission bits of a translation: EL0 read/write/execute, privileged read/write/execute.
    static final int R0 = 1;
    static final int W0 = 2;
    static final int X0 = 4;
    static final int R1 = 8;
    static final int W1 = 16;
    static final int X1 = 32;

    private final A64Cpu cpu;
    private final SoftTlb dtlb = new SoftTlb(1024);
    private final SoftTlb itlb = new SoftTlb(256);
    private final WalkResult walk = new WalkResult();
    /** HCR_EL2.TGE/DC disable EL1&0 stage 1 (cached: changes only on HCR_EL2/SCR_EL3 writes). */
    private boolean el1Stage1Off;
    private boolean el1Normal;
    /**
     * Id of the current pair of EL1&0 table bases (TTBR0/TTBR1 BADDR), part of non-global
     * entries' context with the ASID: entries of a process whose tables and ASID come back
     * are reused, and a table switch that keeps the ASID (Linux's software PAN, bare-metal code
     * without TLBI) never sees the old tables' entries.
     */
    private int epoch;
    private final HashMap<TableBases, Integer> tableBases = new HashMap<>();

    private record TableBases(long ttbr0, long ttbr1) { }

    /**
     * Bumped by every change that can alter a cached translation (TLB maintenance, translation
     * registers, TTBR switches): caches built on top of this MMU (the bytecode translator's
     * data TLB) compare it to drop their entries.
     */
    private int generation;

    /** See {@link #generation}. */
    public int generation() { return generation; }

    public Mmu(A64Cpu cpu) {
        this.cpu = cpu;
    }

    /** Translates a 1-byte access. */
    public long translate(long va, int access, boolean unprivileged) {
        return translate(va, access, unprivileged, 1);
    }

    /**
     * Translates {@code va} for an access of {@code size} bytes (the caller splits accesses
     * that cross a page; {@code size} is used for alignment checks). Throws a GuestException
     * (abort) on a fault. {@code unprivileged} is set for LDTR/STTR.
     */
    public long translate(long va, int access, boolean unprivileged, int size) {
        int el = cpu.state().el;
        if (unprivileged && el == 1) {
            el = 0; // LDTR/STTR at EL1 are checked with EL0 permissions
        }
        int regime = el == 0 ? 1 : el;
        if ((cpu.sys().sctlr[regime] & SystemRegisters.SCTLR_M) == 0 || (regime == 1 && el1Stage1Off)) {
            return physical(va, access, size, regime);
        }
        SoftTlb t = access == FETCH ? itlb : dtlb;
        long key = SoftTlb.key(va, regime);
        int i = t.index(key);
        if (t.tag[i] == key) {
            int m = t.meta[i];
            if (((m & SoftTlb.GLOBAL) != 0 || t.ctx[i] == context())
                    && ((m & SoftTlb.TBI) != 0 || ((va >> 55) + 1) >>> 1 == 0)) {
                return check(va, access, el, regime, size, m, t.pa[i] | (va & 0xFFF));
            }
        }
        return miss(va, access, el, regime, size, t, key);
    }

    private long check(long va, int access, int el, int regime, int size, int meta, long pa) {
        if ((meta & ((el == 0 ? R0 : R1) << access)) == 0) {
            throw abort(va, access, Walker.PERMISSION | ((meta >>> SoftTlb.LEVEL_SHIFT) & 3), false);
        }
        if (access != FETCH && (va & (size - 1)) != 0
                && ((meta & SoftTlb.DEVICE) != 0 || (cpu.sys().sctlr[regime] & SystemRegisters.SCTLR_A) != 0)) {
            throw abort(va, access, 0x21, false);
        }
        return pa;
    }

    private long miss(long va, int access, int el, int regime, int size, SoftTlb t, long key) {
        WalkResult r = walk;
        Walker.walk(cpu, regime, va, r);
        if (r.faulted()) {
            throw abort(va, access, r.fsc, false);
        }
        int meta = r.perms | (r.device ? SoftTlb.DEVICE : 0) | (r.level << SoftTlb.LEVEL_SHIFT)
                | (r.global ? SoftTlb.GLOBAL : 0) | (r.tbi ? SoftTlb.TBI : 0) | (r.blockShift << SoftTlb.SIZE_SHIFT);
        t.insert(key, r.pa & ~0xFFFL, meta, (epoch << 16) | r.asid);
        return check(va, access, el, regime, size, meta, r.pa);
    }

    /** Current non-global context of the EL1&0 regime: TTBR epoch and ASID (TCR_EL1.A1, AS). */
    private int context() {
        SystemRegisters sys = cpu.sys();
        long tcr = sys.tcrEl1;
        long reg = (tcr & (1L << 22)) != 0 ? sys.ttbr1El1 : sys.ttbr0El1;
        return (epoch << 16) | ((int) (reg >>> 48) & ((tcr & (1L << 36)) != 0 ? 0xFFFF : 0xFF));
    }

    /** MMU off (D8.2.10): flat mapping, PA size checked, data accesses Device-nGnRnE. */
    private long physical(long va, int access, int size, int regime) {
        if ((va >>> Walker.PA_BITS) != 0) {
            throw abort(va, access, Walker.ADDR_SIZE, false);
        }
        if (access != FETCH && (va & (size - 1)) != 0 && !(regime == 1 && el1Normal)) {
            throw abort(va, access, 0x21, false);
        }
        return va;
    }

    /**
     * Builds the abort for a fault with status {@code fsc} (ESR ISS: DFSC/IFSC, WnR, CM). The
     * EC is fixed up to "lower EL" or "same EL" when the exception is taken.
     */
    GuestException abort(long va, int access, int fsc, boolean cacheMaintenance) {
        if (access == FETCH) {
            return new GuestException(GuestException.EC_IABORT_SAME, fsc, va, true, -1, false);
        }
        int iss = fsc | (access == WRITE || cacheMaintenance ? 1 << 6 : 0) | (cacheMaintenance ? 1 << 8 : 0);
        return new GuestException(GuestException.EC_DABORT_SAME, iss, va, true, -1, false);
    }

    /**
     * Translation for a cache maintenance instruction by VA (DC CIVAC etc.): faults are
     * reported with ISS.CM = 1 and WnR = 1 (D17.2.37); no alignment or Device checks.
     */
    public long translateForMaintenance(long va, boolean needWrite) {
        try {
            return translate(va & ~63L, needWrite ? WRITE : READ, false, 1);
        } catch (GuestException e) {
            if (e.ec() != GuestException.EC_DABORT_SAME) {
                throw e;
            }
            throw abort(va, READ, e.iss() & 0x3F, true);
        }
    }

    /**
     * Translation for DC ZVA of the block at {@code va} (C5.3.13): a write; any Device memory
     * type gives an alignment fault whatever the alignment.
     */
    public long translateZva(long va) {
        long pa = translate(va, WRITE, false, 1);
        int el = cpu.state().el;
        int regime = el == 0 ? 1 : el;
        boolean device;
        if ((cpu.sys().sctlr[regime] & SystemRegisters.SCTLR_M) == 0 || (regime == 1 && el1Stage1Off)) {
            device = !(regime == 1 && el1Normal);
        } else {
            long key = SoftTlb.key(va, regime);
            int i = dtlb.index(key);
            device = dtlb.tag[i] == key && (dtlb.meta[i] & SoftTlb.DEVICE) != 0;
        }
        if (device) {
            throw abort(va, WRITE, 0x21, false);
        }
        return pa;
    }

    /** Debugger translation with the current EL's regime: no faults, no TLB fill; -1 if unmapped. */
    public long debugTranslate(long va) {
        int el = cpu.state().el;
        int regime = el == 0 ? 1 : el;
        if ((cpu.sys().sctlr[regime] & SystemRegisters.SCTLR_M) == 0 || (regime == 1 && el1Stage1Off)) {
            return (va >>> Walker.PA_BITS) == 0 ? va : -1;
        }
        WalkResult r = new WalkResult();
        Walker.walk(cpu, regime, va, r);
        return r.faulted() ? -1 : r.pa;
    }

    /** AT S1Exx (C5.5): stage 1 walk for {@code regime} with {@code el}'s permissions; returns PAR_EL1. */
    public long addressTranslate(long va, int regime, int el, boolean write) {
        boolean off = (cpu.sys().sctlr[regime] & SystemRegisters.SCTLR_M) == 0 || (regime == 1 && el1Stage1Off);
        if (off) {
            if ((va >>> Walker.PA_BITS) != 0) {
                return Par.fault(Walker.ADDR_SIZE, false);
            }
            return Par.success(va, regime == 1 && el1Normal ? 0x44 : 0x00, 2, nonSecure());
        }
        WalkResult r = new WalkResult();
        Walker.walk(cpu, regime, va, r);
        if (r.faulted()) {
            return Par.fault(r.fsc, r.walkAbort);
        }
        int need = (el == 0 ? R0 : R1) << (write ? WRITE : READ);
        if ((r.perms & need) == 0) {
            return Par.fault(Walker.PERMISSION | r.level, false);
        }
        return Par.success(r.pa, r.attr, r.sh, nonSecure());
    }

    private boolean nonSecure() {
        return cpu.env().highestEl() < 3 || (cpu.sys().scrEl3 & SystemRegisters.SCR_NS) != 0;
    }

    /** TLB maintenance on this PE (C5.5 "TLB maintenance instructions"). */
    public void invalidate(TlbInvalidation op) {
        generation++;
        switch (op.kind()) {
            case ALL -> {
                dtlb.flush();
                itlb.flush();
                recomputeControls();
            }
            case BY_VA -> {
                long vpn = op.address() >>> 12;
                int asid = op.asid();
                SoftTlb.EntryMatcher m = (t, meta, c) -> (meta & SoftTlb.GLOBAL) != 0 || asidMatches(c, asid);
                dtlb.flushVa(vpn, m);
                itlb.flushVa(vpn, m);
            }
            case BY_VA_ALL_ASID -> {
                long vpn = op.address() >>> 12;
                dtlb.flushVa(vpn, (t, meta, c) -> true);
                itlb.flushVa(vpn, (t, meta, c) -> true);
            }
            case BY_ASID -> {
                int asid = op.asid();
                SoftTlb.EntryMatcher m = (t, meta, c) -> (meta & SoftTlb.GLOBAL) == 0 && asidMatches(c, asid);
                dtlb.flushIf(m);
                itlb.flushIf(m);
            }
        }
    }

    /** TLBI ASIDs are compared on 8 bits when TCR_EL1.AS = 0. */
    private boolean asidMatches(int ctx, int asid) {
        int mask = (cpu.sys().tcrEl1 & (1L << 36)) != 0 ? 0xFFFF : 0xFF;
        return ((ctx ^ asid) & mask) == 0;
    }

    /**
     * A register that shapes translation of {@code regime} changed (SCTLR, TCR, MAIR, TTBR of
     * EL2/EL3, HCR_EL2, SCR_EL3): drop every cached translation.
     */
    public void registersChanged(int regime) {
        generation++;
        dtlb.flush();
        itlb.flush();
        recomputeControls();
    }

    /** TTBR0_EL1/TTBR1_EL1 written: switch to the context id of the new table bases. */
    public void ttbrChanged() {
        generation++;
        SystemRegisters sys = cpu.sys();
        TableBases key = new TableBases(sys.ttbr0El1 & BADDR, sys.ttbr1El1 & BADDR);
        Integer id = tableBases.get(key);
        if (id == null) {
            if (tableBases.size() >= 0x7FFE) {
                dtlb.flush();
                itlb.flush();
                tableBases.clear();
            }
            id = tableBases.size() + 1;
            tableBases.put(key, id);
        }
        epoch = id;
    }

    private static final long BADDR = 0x0000_FFFF_FFFF_FFFEL;

    private void recomputeControls() {
        ttbrChanged();
        long hcr = SysRegAccess.el2Enabled(cpu) ? cpu.sys().hcrEl2 : 0;
        el1Stage1Off = (hcr & (SystemRegisters.HCR_TGE | SystemRegisters.HCR_DC)) != 0;
        el1Normal = (hcr & SystemRegisters.HCR_DC) != 0;
    }

    A64Cpu cpu() { return cpu; }
}
