package org.emu4e.engine.devices.gic;

import static org.emu4e.engine.devices.gic.GicDistributor.GUEST;
import static org.emu4e.engine.devices.gic.GicDistributor.UNIMP;

import org.emu4e.engine.memory.MmioDevice;

/**
 * GICv2 CPU interface of one CPU (IHI 0048B 4.4).
 *
 * <pre>
 * MMIO region : 8 KiB (GICC_DIR at 0x1000), mapped by the board (virt: 0x08010000)
 * IRQ lines   : the CPU's IRQ output, computed by {@link GicState}
 * Properties  : the CPU index this view belongs to
 * </pre>
 * GICC_CTLR: bit 0 EnableGrp0, bit 9 EOImode (1: EOIR only drops priority, GICC_DIR
 * deactivates). Only 32-bit accesses are accepted.
 */
public final class GicCpuInterface implements MmioDevice {
    public static final int GICC_CTLR = 0x00;
    public static final int GICC_PMR = 0x04;
    public static final int GICC_BPR = 0x08;
    public static final int GICC_IAR = 0x0C;
    public static final int GICC_EOIR = 0x10;
    public static final int GICC_RPR = 0x14;
    public static final int GICC_HPPIR = 0x18;
    public static final int GICC_ABPR = 0x1C;
    public static final int GICC_AIAR = 0x20;
    public static final int GICC_AEOIR = 0x24;
    public static final int GICC_AHPPIR = 0x28;
    public static final int GICC_APR0 = 0xD0;
    public static final int GICC_IIDR = 0xFC;
    public static final int GICC_DIR = 0x1000;

    private static final int CTLR_MASK = 0x3FF; // Enable, AckCtl, FIQEn, CBPR, bypass, EOImode
    private static final int EOI_MODE = 1 << 9;

    private final GicState s;
    private final int cpu;

    public GicCpuInterface(GicState state, int cpu) {
        this.s = state;
        this.cpu = cpu;
    }

    @Override
    public String name() { return "gic-cpu"; }

    @Override
    public long read(long offset, int size) {
        int off = (int) offset;
        if (size != 4 || (off & 3) != 0) {
            GUEST.warning(() -> String.format("gic-cpu%d: bad %d-byte read at 0x%x", cpu, size, off));
            return 0;
        }
        switch (off) {
            case GICC_CTLR: return s.cpuCtlr[cpu];
            case GICC_PMR: return s.pmr[cpu];
            case GICC_BPR: return s.bpr[cpu];
            case GICC_IAR: return s.acknowledge(cpu);
            case GICC_RPR: {
                int rp = s.runningPriority(cpu);
                return rp == GicState.IDLE_PRIORITY ? 0xFF : rp;
            }
            case GICC_HPPIR: {
                int id = s.highestPending(cpu);
                if (id < 16 && id != GicState.SPURIOUS) {
                    return id | (Integer.numberOfTrailingZeros(s.sgiSources(cpu, id)) << 10);
                }
                return id;
            }
            case GICC_ABPR: return s.bpr[cpu]; // no Group 1: mirrors BPR
            case GICC_AIAR, GICC_AHPPIR: return GicState.SPURIOUS;
            case GICC_APR0: return s.activePriorityBits(cpu);
            case GICC_IIDR: return 0x0202_043BL; // GICv2, ARM
            case GICC_EOIR, GICC_AEOIR, GICC_DIR:
                GUEST.warning(() -> String.format("gic-cpu%d: read of write-only register 0x%x", cpu, off));
                return 0;
            default:
                UNIMP.fine(() -> String.format("gic-cpu%d: read of unimplemented register 0x%x", cpu, off));
                return 0;
        }
    }

    @Override
    public void write(long offset, int size, long value) {
        int off = (int) offset;
        if (size != 4 || (off & 3) != 0) {
            GUEST.warning(() -> String.format("gic-cpu%d: bad %d-byte write at 0x%x", cpu, size, off));
            return;
        }
        int v = (int) value;
        switch (off) {
            case GICC_CTLR -> s.cpuCtlr[cpu] = v & CTLR_MASK;
            case GICC_PMR -> s.pmr[cpu] = v & 0xFF;
            case GICC_BPR -> s.bpr[cpu] = v & 7;
            case GICC_EOIR -> endOfInterrupt(v);
            case GICC_DIR -> deactivate(v);
            case GICC_ABPR, GICC_AEOIR -> UNIMP.fine("gic-cpu: Group 1 aliases are not implemented");
            case GICC_APR0 -> { } // writes of saved values on resume: ignored
            case GICC_IAR, GICC_RPR, GICC_HPPIR, GICC_IIDR ->
                GUEST.warning(() -> String.format("gic-cpu%d: write to read-only register 0x%x", cpu, off));
            default -> UNIMP.fine(() -> String.format("gic-cpu%d: write to unimplemented register 0x%x", cpu, off));
        }
        s.update();
    }

    /** GICC_EOIR (4.4.5): priority drop, and deactivation unless EOImode is 1. */
    private void endOfInterrupt(int v) {
        int id = v & 0x3FF;
        int source = (v >>> 10) & 7;
        if (id == GicState.SPURIOUS) {
            return;
        }
        if (!s.valid(id) || !s.dropPriority(cpu, id, source)) {
            GUEST.warning(() -> String.format("gic-cpu%d: EOI of interrupt %d which is not active", cpu, id));
            return;
        }
        if ((s.cpuCtlr[cpu] & EOI_MODE) == 0) {
            s.deactivate(cpu, id);
        }
    }

    /** GICC_DIR (4.4.15): deactivation when EOImode is 1. */
    private void deactivate(int v) {
        int id = v & 0x3FF;
        if ((s.cpuCtlr[cpu] & EOI_MODE) == 0) {
            GUEST.warning(() -> String.format("gic-cpu%d: GICC_DIR written with EOImode 0", cpu));
            return;
        }
        if (s.valid(id)) {
            s.deactivate(cpu, id);
        }
    }
}
