package org.emu4e.engine.devices.gic;

import static org.emu4e.engine.devices.gic.GicDistributor.GUEST;
import static org.emu4e.engine.devices.gic.GicDistributor.UNIMP;

import org.emu4e.engine.memory.MmioDevice;

/**
 * GICv3 Distributor (IHI 0069, GICD_* register descriptions), affinity routing always enabled: it owns the SPIs
 * (INTID 32..), the Redistributors own SGIs and PPIs.
 *
 * <pre>
 * MMIO region : 64 KiB, mapped by the board (virt: 0x08000000), the same view for every CPU
 * IRQ lines   : none (SPI inputs arrive through {@link GicState#setSpiLevel})
 * Properties  : interrupt count, the CPUs' affinities (for GICD_IROUTER)
 * </pre>
 * GICD_CTLR as in a GIC with a single Security state (DS = 1, RAO/WI) and ARE = 1 (RAO/WI: no
 * legacy GICv2 operation, like QEMU's GICv3); bit 1 EnableGrp1 gates every interrupt (all are
 * Group 1), bit 0 EnableGrp0 is stored but there are no Group 0 interrupts. No LPIs/ITS, no
 * message-based SPIs, no extended SPI range. GICD_IROUTER takes 64-bit or 32-bit accesses.
 */
public final class Gicv3Distributor implements MmioDevice {
    public static final int GICD_CTLR = 0x0000;
    public static final int GICD_TYPER = 0x0004;
    public static final int GICD_IIDR = 0x0008;
    public static final int GICD_TYPER2 = 0x000C;
    public static final int GICD_STATUSR = 0x0010;
    public static final int GICD_IGROUPR = Gicv3InterruptRegisters.IGROUPR;
    public static final int GICD_ISENABLER = Gicv3InterruptRegisters.ISENABLER;
    public static final int GICD_ICENABLER = Gicv3InterruptRegisters.ICENABLER;
    public static final int GICD_ISPENDR = Gicv3InterruptRegisters.ISPENDR;
    public static final int GICD_ICPENDR = Gicv3InterruptRegisters.ICPENDR;
    public static final int GICD_ISACTIVER = Gicv3InterruptRegisters.ISACTIVER;
    public static final int GICD_ICACTIVER = Gicv3InterruptRegisters.ICACTIVER;
    public static final int GICD_IPRIORITYR = Gicv3InterruptRegisters.IPRIORITYR;
    public static final int GICD_ICFGR = Gicv3InterruptRegisters.ICFGR;
    public static final int GICD_SGIR = 0x0F00;
    public static final int GICD_IROUTER = 0x6000;
    public static final int GICD_PIDR2 = 0xFFE8;

    public static final int CTLR_ENABLE_GRP0 = 1;
    public static final int CTLR_ENABLE_GRP1 = 1 << 1;
    public static final int CTLR_ARE = 1 << 4;
    public static final int CTLR_DS = 1 << 6;
    /** GICD_IROUTER.Interrupt_Routing_Mode: 1 = any participating PE (1 of N). */
    public static final long IROUTER_IRM = 1L << 31;

    private final GicState s;
    private final long[] affinity;
    private final Gicv3InterruptRegisters spis;
    private final long[] irouter;
    private int ctlr;

    Gicv3Distributor(GicState s, long[] affinity) {
        this.s = s;
        this.affinity = affinity;
        this.spis = new Gicv3InterruptRegisters(s, 0, 32, s.irqs, "gicv3-dist");
        this.irouter = new long[s.irqs];
    }

    @Override
    public String name() { return "gicv3-dist"; }

    /** Reset: disabled, every SPI routed to affinity 0.0.0.0 (CPU 0). */
    void reset() {
        ctlr = 0;
        java.util.Arrays.fill(irouter, 0);
        for (int id = 32; id < s.irqs; id++) {
            route(id);
        }
    }

    @Override
    public long read(long offset, int size) {
        int off = (int) offset;
        if (off >= GICD_IROUTER + 32 * 8 && off < GICD_IROUTER + 8 * s.irqs) {
            return readRouter(off, size);
        }
        if (Gicv3InterruptRegisters.covers(off)) {
            return spis.read(off, size);
        }
        if (size != 4 || (off & 3) != 0) {
            GUEST.warning(() -> String.format("gicv3-dist: bad %d-byte read at 0x%x", size, off));
            return 0;
        }
        return switch (off) {
            case GICD_CTLR -> ctlr | CTLR_ARE | CTLR_DS; // RWP (bit 31) always 0: writes take effect at once
            // A3V (bit 24): Aff3 routing supported; IDbits 9 (INTID < 1024); CPUNumber for legacy
            // operation, RES0-like with ARE but reported as QEMU does; ITLinesNumber.
            case GICD_TYPER -> (1 << 24) | (9 << 19) | (Math.min(s.cpus - 1, 7) << 5) | (s.irqs / 32 - 1);
            case GICD_IIDR -> Gicv3.IIDR;
            case GICD_TYPER2, GICD_STATUSR -> 0;
            default -> {
                if (off >= 0xFFD0) {
                    yield GicBits.idRegister(off, 3);
                }
                if (off != GICD_SGIR) { // GICD_SGIR is RES0 with affinity routing
                    UNIMP.fine(() -> String.format("gicv3-dist: read of unimplemented register 0x%x", off));
                }
                yield 0;
            }
        };
    }

    @Override
    public void write(long offset, int size, long value) {
        int off = (int) offset;
        if (off >= GICD_IROUTER + 32 * 8 && off < GICD_IROUTER + 8 * s.irqs) {
            writeRouter(off, size, value);
            return;
        }
        if (Gicv3InterruptRegisters.covers(off)) {
            spis.write(off, size, value);
            return;
        }
        if (size != 4 || (off & 3) != 0) {
            GUEST.warning(() -> String.format("gicv3-dist: bad %d-byte write at 0x%x", size, off));
            return;
        }
        if (off == GICD_CTLR) {
            ctlr = (int) value & (CTLR_ENABLE_GRP0 | CTLR_ENABLE_GRP1);
            s.distributorEnabled = (ctlr & CTLR_ENABLE_GRP1) != 0;
            s.update();
        } else if (off == GICD_TYPER || off == GICD_IIDR || off == GICD_TYPER2 || off >= 0xFFD0) {
            GUEST.warning(() -> String.format("gicv3-dist: write to read-only register 0x%x", off));
        } else {
            UNIMP.fine(() -> String.format("gicv3-dist: write to unimplemented register 0x%x", off));
        }
    }

    private long readRouter(int off, int size) {
        int id = (off - GICD_IROUTER) / 8;
        long v = irouter[id];
        if (size == 8 && (off & 7) == 0) {
            return v;
        }
        if (size == 4 && (off & 3) == 0) {
            return (off & 4) == 0 ? v & 0xFFFF_FFFFL : v >>> 32;
        }
        GUEST.warning(() -> String.format("gicv3-dist: bad %d-byte read of GICD_IROUTER%d", size, id));
        return 0;
    }

    private void writeRouter(int off, int size, long value) {
        int id = (off - GICD_IROUTER) / 8;
        long mask = 0xFF_8000_0000L | 0xFF_FFFFL; // Aff3 [39:32], IRM [31], Aff2..Aff0 [23:0]
        if (size == 8 && (off & 7) == 0) {
            irouter[id] = value & mask;
        } else if (size == 4 && (off & 3) == 0) {
            long old = irouter[id];
            irouter[id] = ((off & 4) == 0 ? (old & ~0xFFFF_FFFFL) | (value & 0xFFFF_FFFFL)
                    : (old & 0xFFFF_FFFFL) | (value << 32)) & mask;
        } else {
            GUEST.warning(() -> String.format("gicv3-dist: bad %d-byte write of GICD_IROUTER%d", size, id));
            return;
        }
        route(id);
        s.update();
    }

    /**
     * GICD_IROUTER to a CPU mask (IHI 0069, GICD_IROUTER<n>): IRM = 1 lets any PE take it (each
     * CPU sees it; the first to acknowledge wins); otherwise the PE whose affinity matches, or
     * none (the SPI then stays pending).
     */
    private void route(int id) {
        long r = irouter[id];
        if ((r & IROUTER_IRM) != 0) {
            s.setTargets(id, s.allCpus());
            return;
        }
        long aff = ((r >>> 8) & 0xFF00_0000L) | (r & 0xFF_FFFFL); // Aff3.Aff2.Aff1.Aff0
        long mask = 0;
        for (int c = 0; c < affinity.length; c++) {
            if (affinity[c] == aff) {
                mask |= 1L << c;
            }
        }
        s.setTargets(id, mask);
    }
}
