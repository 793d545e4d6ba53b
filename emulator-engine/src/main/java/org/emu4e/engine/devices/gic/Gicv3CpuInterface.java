package org.emu4e.engine.devices.gic;

import static org.emu4e.engine.devices.gic.GicDistributor.GUEST;

import java.util.concurrent.locks.ReentrantLock;

import org.emu4e.engine.cpu.a64.GicCpuInterfaceAccess;

/**
 * GICv3 system-register CPU interface of one PE (IHI 0069, the ICC_*_EL1 register descriptions), for a GIC
 * with a single Security state where every interrupt is Group 1 (QEMU virt without EL3):
 * Group 0 registers exist but see no interrupts (IAR0/HPPIR0 read 1023, IGRPEN0 and AP0Rn are
 * RAZ/WI, SGI0R and ASGI1R generate nothing, as the SGIs they name are not Group 1 here).
 *
 * <pre>
 * Registers   : ICC_SRE/CTLR/PMR/BPR0/BPR1/IAR1/EOIR1/HPPIR1/DIR/RPR/IGRPEN1/SGI1R/AP1Rn_EL1
 * IRQ lines   : the PE's IRQ output, computed by {@link GicState}
 * Properties  : the CPU index; every CPU's affinity (SGI targets); the big lock
 * </pre>
 * Every access takes the big lock (called from the vCPU's own thread by MRS/MSR).
 */
public final class Gicv3CpuInterface implements GicCpuInterfaceAccess {
    /** ICC_SRE_EL1: SRE, DFB, DIB read as one (system registers always enabled). */
    private static final long SRE = 0x7;
    private static final int CTLR_CBPR = 1;
    private static final int CTLR_EOIMODE = 1 << 1;
    /** ICC_CTLR_EL1 read-only part: PRIbits [10:8] = 7 (8 bits), IDbits 0 (16), A3V [15]. */
    private static final int CTLR_RO = (7 << 8) | (1 << 15);

    private final GicState s;
    private final int cpu;
    private final long[] affinity;
    private final ReentrantLock lock;
    private int ctlr;
    private int bpr0;
    private int bpr1;

    Gicv3CpuInterface(GicState s, int cpu, long[] affinity, ReentrantLock lock) {
        this.s = s;
        this.cpu = cpu;
        this.affinity = affinity;
        this.lock = lock;
    }

    void reset() {
        ctlr = 0;
        bpr0 = 0;
        bpr1 = 1; // the minimum Group 1 binary point is BPR0's minimum + 1
        s.bpr[cpu] = 0;
    }

    @Override
    public long read(Reg reg) {
        lock.lock();
        try {
            return switch (reg) {
                case SRE -> SRE;
                case CTLR -> ctlr | CTLR_RO;
                case PMR -> s.pmr[cpu];
                case BPR0 -> bpr0;
                case BPR1 -> (ctlr & CTLR_CBPR) != 0 ? Math.min(bpr0 + 1, 7) : bpr1;
                case IAR1 -> s.acknowledge(cpu);
                case HPPIR1 -> s.highestPending(cpu);
                case IAR0, HPPIR0 -> GicState.SPURIOUS;
                case RPR -> {
                    int rp = s.runningPriority(cpu);
                    yield rp == GicState.IDLE_PRIORITY ? 0xFF : rp;
                }
                case IGRPEN1 -> s.cpuCtlr[cpu] & 1;
                case IGRPEN0, AP0R0, AP0R1, AP0R2, AP0R3 -> 0;
                // 8 priority bits: 128 preemption levels (group priority = bits [7:1]) over AP1R0..3.
                case AP1R0, AP1R1, AP1R2, AP1R3 -> s.activePriorityWord(cpu, 1, reg.ordinal() - Reg.AP1R0.ordinal())
                        & 0xFFFF_FFFFL;
                case EOIR0, EOIR1, DIR, SGI0R, SGI1R, ASGI1R -> 0; // write-only: not readable by MRS
            };
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void write(Reg reg, long value) {
        lock.lock();
        try {
            switch (reg) {
                case CTLR -> ctlr = (int) value & (CTLR_CBPR | CTLR_EOIMODE);
                case PMR -> s.pmr[cpu] = (int) value & 0xFF;
                case BPR0 -> bpr0 = (int) value & 7;
                case BPR1 -> {
                    if ((ctlr & CTLR_CBPR) == 0) {
                        bpr1 = Math.max((int) value & 7, 1);
                    }
                }
                case EOIR1 -> endOfInterrupt((int) value & 0xFF_FFFF);
                case DIR -> deactivate((int) value & 0xFF_FFFF);
                case IGRPEN1 -> s.cpuCtlr[cpu] = (int) value & 1;
                case SGI1R -> s.sendSgi(cpu, (int) (value >>> 24) & 0xF, sgiTargets(value));
                case EOIR0 -> GUEST.warning(() -> "gicv3-cpu" + cpu + ": ICC_EOIR0_EL1 written: no Group 0 interrupts");
                case SGI0R, ASGI1R -> GUEST.fine(() -> "gicv3-cpu" + cpu + ": " + reg
                        + " names SGIs of a group or Security state this GIC does not have: none generated");
                default -> { } // SRE (fixed), IGRPEN0 and APnRn (RAZ/WI)
            }
            // Group 1 uses BPR1, or BPR0 when CBPR is set (IHI 0069, ICC_CTLR_EL1.CBPR); stored Group 0-style.
            s.bpr[cpu] = (ctlr & CTLR_CBPR) != 0 ? bpr0 : bpr1 - 1;
            s.update(cpu); // EOIR, DIR and SGI1R update the other CPUs they concern themselves
        } finally {
            lock.unlock();
        }
    }

    /** ICC_EOIR1_EL1: priority drop, and deactivation too unless EOImode is 1. */
    private void endOfInterrupt(int id) {
        if (id >= 1020 && id <= 1023) {
            return;
        }
        if (!s.valid(id) || !s.dropPriority(cpu, id, 0)) {
            GUEST.warning(() -> String.format("gicv3-cpu%d: EOI of interrupt %d which is not active", cpu, id));
            return;
        }
        if ((ctlr & CTLR_EOIMODE) == 0) {
            s.deactivate(cpu, id);
        }
    }

    /** ICC_DIR_EL1: deactivation when EOImode is 1. */
    private void deactivate(int id) {
        if ((ctlr & CTLR_EOIMODE) == 0) {
            GUEST.warning(() -> String.format("gicv3-cpu%d: ICC_DIR_EL1 written with EOImode 0", cpu));
            return;
        }
        if (s.valid(id)) {
            s.deactivate(cpu, id);
        }
    }

    /**
     * ICC_SGI1R_EL1: IRM [40] = 1 targets every PE but this one; otherwise the PEs
     * with affinity Aff3 [55:48].Aff2 [39:32].Aff1 [23:16] and Aff0 = RS [47:44] * 16 + n for
     * each bit n of TargetList [15:0].
     */
    private long sgiTargets(long v) {
        if (((v >>> 40) & 1) != 0) {
            return s.allCpus() & ~(1L << cpu);
        }
        long upper = (((v >>> 48) & 0xFF) << 24) | (((v >>> 32) & 0xFF) << 16) | (((v >>> 16) & 0xFF) << 8);
        int rs = (int) (v >>> 44) & 0xF;
        int list = (int) v & 0xFFFF;
        long mask = 0;
        for (int c = 0; c < affinity.length; c++) {
            long a = affinity[c];
            int aff0 = (int) a & 0xFF;
            if ((a & ~0xFFL) == upper && aff0 >>> 4 == rs && (list & (1 << (aff0 & 15))) != 0) {
                mask |= 1L << c;
            }
        }
        return mask;
    }
}
