package org.emu4e.engine.devices.gic;

import static org.emu4e.engine.devices.gic.GicDistributor.GUEST;
import static org.emu4e.engine.devices.gic.GicDistributor.UNIMP;

import org.emu4e.engine.memory.MmioDevice;

/**
 * The GICv3 Redistributors (IHI 0069, RD_base and SGI_base frames): one per CPU, laid out
 * back to back, each two 64 KiB frames (no VLPI frames). The SGI_base frame holds the CPU's
 * SGI/PPI registers ({@link Gicv3InterruptRegisters} over INTID 0..31 of its bank).
 *
 * <pre>
 * MMIO region : {@link #FRAME_PAIR} bytes per CPU, mapped by the board (virt: from 0x080A0000)
 * IRQ lines   : none (PPIs arrive through {@link GicState#setPpiLevel})
 * Properties  : CPU count and the CPUs' affinities (GICR_TYPER), the last one has Last = 1
 * </pre>
 * GICR_WAKER: ProcessorSleep resets to 1; ChildrenAsleep follows it at once (the handshake
 * software performs when waking or parking a PE). Interrupt delivery does not depend on it
 * here. No LPIs: GICR_CTLR, PROPBASER and PENDBASER read as zero, writes ignored.
 * GICR_TYPER takes 64-bit or 32-bit reads; other registers 32-bit (IPRIORITYR also bytes).
 */
public final class Gicv3Redistributors implements MmioDevice {
    /** Bytes of one Redistributor: RD_base and SGI_base frames. */
    public static final int FRAME_PAIR = 0x2_0000;
    public static final int SGI_BASE = 0x1_0000;

    public static final int GICR_CTLR = 0x0000;
    public static final int GICR_IIDR = 0x0004;
    public static final int GICR_TYPER = 0x0008;
    public static final int GICR_STATUSR = 0x0010;
    public static final int GICR_WAKER = 0x0014;
    public static final int GICR_PROPBASER = 0x0070;
    public static final int GICR_PENDBASER = 0x0078;
    public static final int GICR_PIDR2 = 0xFFE8;

    public static final int WAKER_PROCESSOR_SLEEP = 1 << 1;
    public static final int WAKER_CHILDREN_ASLEEP = 1 << 2;

    private final GicState s;
    private final long[] affinity;
    private final Gicv3InterruptRegisters[] banks;
    private final boolean[] sleep;

    Gicv3Redistributors(GicState s, long[] affinity) {
        this.s = s;
        this.affinity = affinity;
        banks = new Gicv3InterruptRegisters[s.cpus];
        sleep = new boolean[s.cpus];
        for (int c = 0; c < s.cpus; c++) {
            banks[c] = new Gicv3InterruptRegisters(s, c, 0, 32, "gicv3-redist" + c);
        }
        reset();
    }

    @Override
    public String name() { return "gicv3-redist"; }

    void reset() { java.util.Arrays.fill(sleep, true); }

    /** Bytes the board maps: one frame pair per CPU. */
    public long size() { return (long) FRAME_PAIR * s.cpus; }

    @Override
    public long read(long offset, int size) {
        int cpu = (int) (offset / FRAME_PAIR);
        int off = (int) (offset % FRAME_PAIR);
        if (cpu >= s.cpus) {
            return 0;
        }
        if (off >= SGI_BASE) {
            return sgiBase(cpu, off - SGI_BASE, size, 0, false);
        }
        if ((off & ~4) == GICR_TYPER && (size == 4 && (off & 3) == 0 || size == 8 && off == GICR_TYPER)) {
            long typer = typer(cpu);
            return size == 8 ? typer : off == GICR_TYPER ? typer & 0xFFFF_FFFFL : typer >>> 32;
        }
        if (size != 4 || (off & 3) != 0) {
            if (off >= GICR_PROPBASER && off < GICR_PENDBASER + 8) {
                return 0;
            }
            GUEST.warning(() -> String.format("gicv3-redist%d: bad %d-byte read at 0x%x", cpu, size, off));
            return 0;
        }
        return switch (off) {
            case GICR_CTLR, GICR_STATUSR -> 0;
            case GICR_IIDR -> Gicv3.IIDR;
            case GICR_WAKER -> sleep[cpu] ? WAKER_PROCESSOR_SLEEP | WAKER_CHILDREN_ASLEEP : 0;
            default -> {
                if (off >= 0xFFD0) {
                    yield GicBits.idRegister(off, 3);
                }
                UNIMP.fine(() -> String.format("gicv3-redist%d: read of unimplemented register 0x%x", cpu, off));
                yield 0;
            }
        };
    }

    @Override
    public void write(long offset, int size, long value) {
        int cpu = (int) (offset / FRAME_PAIR);
        int off = (int) (offset % FRAME_PAIR);
        if (cpu >= s.cpus) {
            return;
        }
        if (off >= SGI_BASE) {
            sgiBase(cpu, off - SGI_BASE, size, value, true);
            return;
        }
        if (off >= GICR_PROPBASER && off < GICR_PENDBASER + 8) {
            UNIMP.fine("gicv3-redist: LPIs are not implemented (PROPBASER/PENDBASER ignored)");
            return;
        }
        if (size != 4 || (off & 3) != 0) {
            GUEST.warning(() -> String.format("gicv3-redist%d: bad %d-byte write at 0x%x", cpu, size, off));
            return;
        }
        switch (off) {
            case GICR_WAKER -> sleep[cpu] = (value & WAKER_PROCESSOR_SLEEP) != 0;
            case GICR_CTLR -> {
                if ((value & 1) != 0) {
                    UNIMP.fine("gicv3-redist: GICR_CTLR.EnableLPIs: LPIs are not implemented");
                }
            }
            case GICR_IIDR, GICR_TYPER, GICR_TYPER + 4 ->
                GUEST.warning(() -> String.format("gicv3-redist%d: write to read-only register 0x%x", cpu, off));
            default -> UNIMP.fine(() -> String.format("gicv3-redist%d: write to unimplemented register 0x%x", cpu, off));
        }
    }

    /**
     * GICR_TYPER: Affinity_Value [63:32] = Aff3.Aff2.Aff1.Aff0 of the PE,
     * Processor_Number [23:8], Last [4] on the final Redistributor of the region; no LPIs.
     */
    private long typer(int cpu) {
        return (affinity[cpu] << 32) | ((long) cpu << 8) | (cpu == s.cpus - 1 ? 1 << 4 : 0);
    }

    private long sgiBase(int cpu, int off, int size, long value, boolean write) {
        if (Gicv3InterruptRegisters.covers(off)) {
            if (write) {
                banks[cpu].write(off, size, value);
                return 0;
            }
            return banks[cpu].read(off, size);
        }
        if (write) {
            UNIMP.fine(() -> String.format("gicv3-redist%d: write to unimplemented SGI_base register 0x%x", cpu, off));
        } else {
            UNIMP.fine(() -> String.format("gicv3-redist%d: read of unimplemented SGI_base register 0x%x", cpu, off));
        }
        return 0;
    }
}
