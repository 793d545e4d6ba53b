package org.emu4e.engine.devices.gic;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Shared state of a GICv2 (ARM IHI 0048B "GIC Architecture Specification v2"): per-interrupt
 * enable/pending/active/priority/configuration and targets, banked per CPU for SGIs and PPIs
 * (INTID 0..31), plus the per-CPU interface state. Both the {@link GicDistributor} and the
 * {@link GicCpuInterface} register views work on this object; every method is called with the
 * machine's big lock held, except {@link #irqLine}, which vCPU threads read lock-free.
 *
 * <p>Simplifications (documented): no Security Extensions, every interrupt is Group 0 and is
 * signalled as IRQ (GICC_CTLR.FIQEn is ignored); 8 priority bits; no virtualization extensions.
 *
 * <p>The same core serves the GICv3 model ({@link #forGicv3}, IHI 0069): up to
 * {@link #MAX_CPUS_V3} CPUs, SPIs routed to a CPU mask the v3 distributor computes from
 * GICD_IROUTER, SGIs without a source CPU (one pending bit, settable through GICR_ISPENDR0)
 * and writable SGI enables. The v3 CPU interface keeps its Group 1 enable in bit 0 of
 * {@link #cpuCtlr} and its binary point in {@link #bpr} as the Group 0-style value
 * (ICC_BPR1_EL1 - 1), so the prioritisation below is shared unchanged.
 *
 * <p>Storage: interrupt {@code id} of CPU {@code c} lives at {@link #slot}: a private bank of
 * 32 slots per CPU followed by one slot per SPI.
 */
public final class GicState {
    /** Told when a CPU's IRQ output changes; the board kicks the vCPU. */
    @FunctionalInterface
    public interface Output {
        void irqChanged(int cpu, boolean level);
    }

    public static final int SPURIOUS = 1023;
    public static final int IDLE_PRIORITY = 0x100;
    /** GICv2 targets at most 8 CPUs (ITARGETSR bytes). */
    public static final int MAX_CPUS_V2 = 8;
    /** CPUs of the GICv3 model (SPI routing masks are {@code long}). */
    public static final int MAX_CPUS_V3 = 64;

    final int cpus;
    final int irqs;
    private final int[] priority;
    private final boolean[] enabled;
    private final boolean[] pendingLatch;
    private final boolean[] active;
    private final boolean[] lineLevel;
    private final boolean[] edge;
    /** Mask of the CPUs each SPI is delivered to (GICv2 ITARGETSR byte, GICv3 from IROUTER). */
    private final long[] targets;
    /**
     * For each target CPU and SGI: bit mask of source CPUs with the SGI pending (GICv2); on
     * GICv3 (no source tracking with affinity routing) bit 0 is the SGI's pending bit.
     */
    private final int[][] sgiSources;
    /** GICv3 flavour: SGI enables writable, SGI pending without source. */
    final boolean v3;

    boolean distributorEnabled;
    final int[] cpuCtlr;
    final int[] pmr;
    final int[] bpr;
    /** Per CPU: active interrupts in activation order (priority-drop stack), as slot|source<<16 entries. */
    private final int[][] activeStack;
    private final int[] activeDepth;
    private final AtomicIntegerArray line;
    private Output output = (c, l) -> { };

    /** A GICv2 core (1..8 CPUs). */
    public GicState(int cpus, int irqs) {
        this(cpus, irqs, false);
    }

    /** A GICv3 core (1..64 CPUs), used by {@link Gicv3}. */
    public static GicState forGicv3(int cpus, int irqs) {
        return new GicState(cpus, irqs, true);
    }

    private GicState(int cpus, int irqs, boolean v3) {
        int max = v3 ? MAX_CPUS_V3 : MAX_CPUS_V2;
        if (cpus < 1 || cpus > max) {
            throw new IllegalArgumentException((v3 ? "GICv3" : "GICv2") + " supports 1.." + max + " CPUs, not " + cpus);
        }
        this.v3 = v3;
        if (irqs < 32 || irqs > 1020 || irqs % 32 != 0) {
            throw new IllegalArgumentException("interrupt count must be a multiple of 32 in 32..1020");
        }
        this.cpus = cpus;
        this.irqs = irqs;
        int slots = cpus * 32 + (irqs - 32);
        priority = new int[slots];
        enabled = new boolean[slots];
        pendingLatch = new boolean[slots];
        active = new boolean[slots];
        lineLevel = new boolean[slots];
        edge = new boolean[slots];
        targets = new long[irqs];
        sgiSources = new int[cpus][16];
        cpuCtlr = new int[cpus];
        pmr = new int[cpus];
        bpr = new int[cpus];
        activeStack = new int[cpus][irqs + 16 * cpus];
        activeDepth = new int[cpus];
        line = new AtomicIntegerArray(cpus);
        reset();
    }

    public void setOutput(Output o) { this.output = o; }

    public int cpuCount() { return cpus; }

    public int irqCount() { return irqs; }

    /** IRQ output of {@code cpu}; safe to call from any thread without the lock. */
    public boolean irqLine(int cpu) { return line.get(cpu) != 0; }

    /** Reset state (GICv2 4.3: everything disabled, inactive, priority 0, SGIs edge, others level). */
    public void reset() {
        java.util.Arrays.fill(priority, 0);
        java.util.Arrays.fill(enabled, false);
        java.util.Arrays.fill(pendingLatch, false);
        java.util.Arrays.fill(active, false);
        java.util.Arrays.fill(edge, false);
        java.util.Arrays.fill(targets, 0);
        for (int c = 0; c < cpus; c++) {
            java.util.Arrays.fill(sgiSources[c], 0);
            for (int i = 0; i < 16; i++) {
                edge[slot(c, i)] = true;
                // GICv2: SGIs always enabled, ISENABLER0[15:0] RAO/WI (impl. defined); GICv3: reset disabled.
                enabled[slot(c, i)] = !v3;
            }
            activeDepth[c] = 0;
        }
        distributorEnabled = false;
        java.util.Arrays.fill(cpuCtlr, 0);
        java.util.Arrays.fill(pmr, 0);
        java.util.Arrays.fill(bpr, 0);
        update();
    }

    int slot(int cpu, int id) { return id < 32 ? cpu * 32 + id : cpus * 32 + (id - 32); }

    boolean valid(int id) { return id >= 0 && id < irqs; }

    // ---- per-interrupt accessors (cpu selects the bank for id < 32) ---------------------

    boolean isEnabled(int cpu, int id) { return enabled[slot(cpu, id)]; }

    void setEnabled(int cpu, int id, boolean v) {
        if (id < 16 && !v3) {
            return; // SGI enables are RAO/WI here
        }
        enabled[slot(cpu, id)] = v;
    }

    boolean isPending(int cpu, int id) {
        if (id < 16) {
            return sgiSources[cpu][id] != 0;
        }
        int s = slot(cpu, id);
        return pendingLatch[s] || (!edge[s] && lineLevel[s]);
    }

    void setPending(int cpu, int id, boolean v) {
        if (id < 16) {
            // GICv2: GICD_ISPENDR/ICPENDR on SGIs are left to GICD_[S|C]PENDSGIR (RAZ/WI here);
            // GICv3: GICR_ISPENDR0/ICPENDR0 set and clear the SGI's pending bit (IHI 0069, GICR_ISPENDR0).
            if (v3) {
                sgiSources[cpu][id] = v ? 1 : 0;
            }
            return;
        }
        pendingLatch[slot(cpu, id)] = v;
    }

    boolean isActive(int cpu, int id) { return active[slot(cpu, id)]; }

    void setActive(int cpu, int id, boolean v) { active[slot(cpu, id)] = v; }

    int priority(int cpu, int id) { return priority[slot(cpu, id)]; }

    void setPriority(int cpu, int id, int p) { priority[slot(cpu, id)] = p & 0xFF; }

    boolean isEdge(int cpu, int id) { return edge[slot(cpu, id)]; }

    void setEdge(int cpu, int id, boolean v) {
        if (id >= 16) {
            edge[slot(cpu, id)] = v;
        }
    }

    /** ITARGETSR byte: for SGIs/PPIs the reading CPU's own bit (GICv2 4.3.12). */
    int targets(int cpu, int id) { return id < 32 ? 1 << cpu : (int) targets[id]; }

    void setTargets(int id, long mask) {
        if (id >= 32) {
            targets[id] = mask & allCpus();
        }
    }

    /** Mask with one bit per CPU. */
    long allCpus() { return cpus == 64 ? -1L : (1L << cpus) - 1; }

    int sgiSources(int cpu, int sgi) { return sgiSources[cpu][sgi]; }

    void setSgiSources(int cpu, int sgi, int mask) { sgiSources[cpu][sgi] = mask & (int) allCpus(); }

    // ---- input lines -----------------------------------------------------------------

    /** Drives the input of SPI {@code spi} (INTID 32 + spi). */
    public void setSpiLevel(int spi, boolean level) {
        int id = 32 + spi;
        if (!valid(id) || spi < 0) {
            throw new IllegalArgumentException("no SPI " + spi);
        }
        setLine(0, id, level);
    }

    /** Drives the input of PPI {@code id} (16..31) of {@code cpu}. */
    public void setPpiLevel(int cpu, int id, boolean level) {
        if (id < 16 || id > 31) {
            throw new IllegalArgumentException("not a PPI: " + id);
        }
        setLine(cpu, id, level);
    }

    private void setLine(int cpu, int id, boolean level) {
        int s = slot(cpu, id);
        boolean old = lineLevel[s];
        lineLevel[s] = level;
        if (edge[s] && level && !old) {
            pendingLatch[s] = true; // rising edge latches pending (GICv2 3.2.4)
        }
        if (old != level) {
            if (id < 32) {
                update(cpu); // a PPI concerns its own CPU only
            } else {
                update();
            }
        }
    }

    /** Raises SGI {@code sgi} on each CPU in {@code targetMask}, from {@code source} (GICv3: no source). */
    void sendSgi(int source, int sgi, long targetMask) {
        int bit = v3 ? 1 : 1 << source;
        for (int c = 0; c < cpus; c++) {
            if ((targetMask & (1L << c)) != 0) {
                sgiSources[c][sgi] |= bit;
                update(c);
            }
        }
    }

    // ---- prioritisation (GICv2 3.3 "Interrupt prioritization") ------------------------

    /** Group priority mask for a binary point (Group 0: BPR N splits at bit N, table 3-2). */
    static int groupMask(int bpr) { return (0xFF << (bpr + 1)) & 0xFF; }

    /** Running priority: priority of the highest-priority active interrupt not yet dropped, or IDLE. */
    int runningPriority(int cpu) {
        int best = IDLE_PRIORITY;
        for (int i = 0; i < activeDepth[cpu]; i++) {
            best = Math.min(best, priority(cpu, activeStack[cpu][i] & 0xFFFF));
        }
        return best;
    }

    /** Highest-priority pending, enabled, inactive interrupt for {@code cpu}, or SPURIOUS. */
    int highestPending(int cpu) {
        if (!distributorEnabled) {
            return SPURIOUS;
        }
        int bestId = SPURIOUS;
        int bestPrio = IDLE_PRIORITY;
        for (int id = 0; id < irqs; id++) {
            if (id >= 32 && (targets[id] & (1L << cpu)) == 0) {
                continue;
            }
            int s = slot(cpu, id);
            if (!enabled[s] || active[s] || !isPending(cpu, id)) {
                continue;
            }
            if (priority[s] < bestPrio) {
                bestPrio = priority[s];
                bestId = id;
            }
        }
        return bestId;
    }

    /** True if {@code id} at its priority would be signalled to {@code cpu} now. */
    boolean signals(int cpu, int id) {
        if (id == SPURIOUS || (cpuCtlr[cpu] & 1) == 0) {
            return false;
        }
        int p = priority(cpu, id);
        if (p >= pmr[cpu]) {
            return false;
        }
        int rp = runningPriority(cpu);
        int mask = groupMask(bpr[cpu]);
        return rp == IDLE_PRIORITY || (p & mask) < (rp & mask);
    }

    /** GICC_IAR read: acknowledges the highest pending interrupt (GICv2 3.2.2). Returns the IAR value. */
    int acknowledge(int cpu) {
        int id = highestPending(cpu);
        if (!signals(cpu, id)) {
            return SPURIOUS;
        }
        int source = 0;
        if (id < 16) {
            int srcMask = sgiSources[cpu][id];
            source = Integer.numberOfTrailingZeros(srcMask);
            sgiSources[cpu][id] = srcMask & ~(1 << source);
        } else {
            pendingLatch[slot(cpu, id)] = false;
        }
        active[slot(cpu, id)] = true;
        activeStack[cpu][activeDepth[cpu]++] = id | (source << 16);
        if (id < 32) {
            update(cpu);
        } else {
            update(); // an SPI routed to several CPUs (1 of N) is no longer pending for the others
        }
        return id | (source << 10);
    }

    /** Priority drop for EOIR (GICv2 3.2.3); returns false if {@code id} was not in the active list. */
    boolean dropPriority(int cpu, int id, int source) {
        int[] stack = activeStack[cpu];
        for (int i = activeDepth[cpu] - 1; i >= 0; i--) {
            int e = stack[i];
            if ((e & 0xFFFF) == id && (id >= 16 || (e >>> 16) == source)) {
                System.arraycopy(stack, i + 1, stack, i, activeDepth[cpu] - i - 1);
                activeDepth[cpu]--;
                update(cpu); // the running priority is this CPU's own
                return true;
            }
        }
        return false;
    }

    void deactivate(int cpu, int id) {
        active[slot(cpu, id)] = false;
        if (id < 32) {
            update(cpu);
        } else {
            update();
        }
    }

    /** GICC_APR0: one bit per active group priority (reported coarsely). */
    int activePriorityBits(int cpu) { return activePriorityWord(cpu, 3, 0); }

    /**
     * Active-priorities register word {@code word}: bit {@code p >>> shift} (counted over the
     * words) set for each active interrupt of priority {@code p} whose priority is not dropped.
     */
    int activePriorityWord(int cpu, int shift, int word) {
        int bits = 0;
        for (int i = 0; i < activeDepth[cpu]; i++) {
            int level = priority(cpu, activeStack[cpu][i] & 0xFFFF) >>> shift;
            if (level >>> 5 == word) {
                bits |= 1 << (level & 31);
            }
        }
        return bits;
    }

    /** Recomputes each CPU's IRQ output and reports changes. */
    void update() {
        for (int c = 0; c < cpus; c++) {
            update(c);
        }
    }

    /**
     * Recomputes one CPU's IRQ output: enough after a change to that CPU's own state (its
     * banked SGIs/PPIs, priority mask, running priority, enables), which keeps the cost of a
     * GIC access independent of the CPU count on the common paths (timer PPIs, SGIs, EOIs).
     */
    void update(int c) {
        boolean level = signals(c, highestPending(c));
        int now = level ? 1 : 0;
        if (line.getAndSet(c, now) != now) {
            output.irqChanged(c, level);
        }
    }
}
