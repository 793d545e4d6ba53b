package org.emu4e.engine.devices.gic;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A GICv3 (ARM IHI 0069): the shared {@link GicState} core (in its GICv3 flavour), one
 * {@link Gicv3Distributor}, the {@link Gicv3Redistributors} and one system-register CPU
 * interface ({@link Gicv3CpuInterface}) per CPU.
 *
 * <p>Model: QEMU's virt without EL3, i.e. a GIC with a single Security state (GICD_CTLR.DS = 1)
 * where every interrupt is Group 1 and signalled as IRQ; affinity routing always on; 8 bits of
 * priority; no LPIs, ITS or virtual CPU interface.
 */
public final class Gicv3 {
    /** Size of the Distributor window the board maps. */
    public static final long DIST_SIZE = 0x1_0000;
    /** GICD_IIDR / GICR_IIDR: implementer ARM (0x43B), product 3. */
    static final long IIDR = 0x0300_043BL;

    private final GicState state;
    private final Gicv3Distributor dist;
    private final Gicv3Redistributors redist;
    private final Gicv3CpuInterface[] cpu;

    /**
     * @param mpidrs the CPUs' MPIDR_EL1 values (their affinities route SPIs and SGIs)
     * @param irqs   interrupt count, a multiple of 32 (32 private + SPIs)
     * @param lock   the machine's big lock, taken by system-register accesses
     */
    public Gicv3(long[] mpidrs, int irqs, ReentrantLock lock) {
        state = GicState.forGicv3(mpidrs.length, irqs);
        long[] affinity = new long[mpidrs.length];
        for (int i = 0; i < mpidrs.length; i++) {
            affinity[i] = affinity(mpidrs[i]);
        }
        dist = new Gicv3Distributor(state, affinity);
        redist = new Gicv3Redistributors(state, affinity);
        cpu = new Gicv3CpuInterface[mpidrs.length];
        for (int i = 0; i < mpidrs.length; i++) {
            cpu[i] = new Gicv3CpuInterface(state, i, affinity, lock);
        }
        reset();
    }

    /** Aff3.Aff2.Aff1.Aff0 packed in 32 bits, as GICR_TYPER[63:32] reports it, from an MPIDR. */
    public static long affinity(long mpidr) {
        return ((mpidr >>> 8) & 0xFF00_0000L) | (mpidr & 0xFF_FFFFL);
    }

    public GicState state() { return state; }

    public Gicv3Distributor distributor() { return dist; }

    public Gicv3Redistributors redistributors() { return redist; }

    public Gicv3CpuInterface cpuInterface(int cpuIndex) { return cpu[cpuIndex]; }

    /** System reset (big lock held). */
    public void reset() {
        state.reset();
        dist.reset();
        redist.reset();
        for (Gicv3CpuInterface c : cpu) {
            c.reset();
        }
        state.update();
    }
}
