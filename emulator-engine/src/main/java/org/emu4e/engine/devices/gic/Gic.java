package org.emu4e.engine.devices.gic;

/**
 * A GICv2: the shared state plus one Distributor and one CPU-interface register view per CPU
 * (the hardware banks registers by the accessing CPU; here each CPU's bus maps its own view).
 */
public final class Gic {
    /** Size of the Distributor and CPU interface register windows the board maps. */
    public static final long DIST_SIZE = 0x1_0000;
    public static final long CPU_SIZE = 0x1_0000;

    private final GicState state;
    private final GicDistributor[] dist;
    private final GicCpuInterface[] cpu;

    public Gic(int cpus, int irqs) {
        state = new GicState(cpus, irqs);
        dist = new GicDistributor[cpus];
        cpu = new GicCpuInterface[cpus];
        for (int i = 0; i < cpus; i++) {
            dist[i] = new GicDistributor(state, i);
            cpu[i] = new GicCpuInterface(state, i);
        }
    }

    public GicState state() { return state; }

    public GicDistributor distributor(int cpuIndex) { return dist[cpuIndex]; }

    public GicCpuInterface cpuInterface(int cpuIndex) { return cpu[cpuIndex]; }
}
