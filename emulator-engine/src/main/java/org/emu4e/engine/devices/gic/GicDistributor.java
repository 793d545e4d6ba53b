package org.emu4e.engine.devices.gic;

import java.util.logging.Logger;

import org.emu4e.engine.memory.MmioDevice;

/**
 * GICv2 Distributor register view (IHI 0048B 4.3) as seen by one CPU (banked registers for
 * INTID 0..31 and the SGI source depend on the accessing CPU).
 *
 * <pre>
 * MMIO region : 4 KiB (0x1000), mapped by the board (virt: 0x08000000, 64 KiB window)
 * IRQ lines   : none (drives the CPU interfaces through {@link GicState})
 * Properties  : CPU count, interrupt count (from the shared state)
 * </pre>
 * Word registers take 32-bit accesses; IPRIORITYR, ITARGETSR, CPENDSGIR and SPENDSGIR also
 * take byte accesses. Other widths are guest errors (read as zero, writes ignored).
 */
public final class GicDistributor implements MmioDevice {
    static final Logger GUEST = Logger.getLogger("emu4e.guest");
    static final Logger UNIMP = Logger.getLogger("emu4e.unimp");

    public static final int GICD_CTLR = 0x000;
    public static final int GICD_TYPER = 0x004;
    public static final int GICD_IIDR = 0x008;
    public static final int GICD_IGROUPR = 0x080;
    public static final int GICD_ISENABLER = 0x100;
    public static final int GICD_ICENABLER = 0x180;
    public static final int GICD_ISPENDR = 0x200;
    public static final int GICD_ICPENDR = 0x280;
    public static final int GICD_ISACTIVER = 0x300;
    public static final int GICD_ICACTIVER = 0x380;
    public static final int GICD_IPRIORITYR = 0x400;
    public static final int GICD_ITARGETSR = 0x800;
    public static final int GICD_ICFGR = 0xC00;
    public static final int GICD_SGIR = 0xF00;
    public static final int GICD_CPENDSGIR = 0xF10;
    public static final int GICD_SPENDSGIR = 0xF20;
    public static final int GICD_PIDR2 = 0xFE8;

    private final GicState s;
    private final int cpu;

    public GicDistributor(GicState state, int cpu) {
        this.s = state;
        this.cpu = cpu;
    }

    @Override
    public String name() { return "gic-dist"; }

    @Override
    public long read(long offset, int size) {
        int off = (int) offset;
        if (byteRegister(off) && (size == 1 || size == 4)) {
            long v = 0;
            for (int i = 0; i < size; i++) {
                v |= (long) readByte(off + i) << (8 * i);
            }
            return v;
        }
        if (size != 4 || (off & 3) != 0) {
            GUEST.warning(() -> String.format("gic-dist: bad %d-byte read at 0x%x", size, off));
            return 0;
        }
        if (off == GICD_CTLR) {
            return s.distributorEnabled ? 1 : 0;
        }
        if (off == GICD_TYPER) {
            return ((s.cpus - 1) << 5) | (s.irqs / 32 - 1);
        }
        if (off == GICD_IIDR) {
            return 0x0200_043BL; // implementer ARM (0x43B), GICv2
        }
        if (off >= GICD_IGROUPR && off < GICD_ISENABLER) {
            return 0; // Group 0 only (RAZ/WI)
        }
        if (off >= GICD_ISENABLER && off < GICD_ISPENDR) {
            return bits(off, GICD_ISENABLER, GICD_ICENABLER, s::isEnabled);
        }
        if (off >= GICD_ISPENDR && off < GICD_ISACTIVER) {
            return bits(off, GICD_ISPENDR, GICD_ICPENDR, s::isPending);
        }
        if (off >= GICD_ISACTIVER && off < GICD_IPRIORITYR) {
            return bits(off, GICD_ISACTIVER, GICD_ICACTIVER, s::isActive);
        }
        if (off >= GICD_ICFGR && off < GICD_ICFGR + s.irqs / 4) {
            return GicBits.readConfig(s, cpu, (off - GICD_ICFGR) * 4);
        }
        if (off == GICD_SGIR) {
            GUEST.warning("gic-dist: read of write-only GICD_SGIR");
            return 0;
        }
        if (off >= 0xFD0) {
            return GicBits.idRegister(off, 2);
        }
        UNIMP.fine(() -> String.format("gic-dist: read of unimplemented register 0x%x", off));
        return 0;
    }

    @Override
    public void write(long offset, int size, long value) {
        int off = (int) offset;
        if (byteRegister(off) && (size == 1 || size == 4)) {
            for (int i = 0; i < size; i++) {
                writeByte(off + i, (int) (value >>> (8 * i)) & 0xFF);
            }
            s.update();
            return;
        }
        if (size != 4 || (off & 3) != 0) {
            GUEST.warning(() -> String.format("gic-dist: bad %d-byte write at 0x%x", size, off));
            return;
        }
        int v = (int) value;
        if (off == GICD_CTLR) {
            s.distributorEnabled = (v & 1) != 0;
        } else if (off >= GICD_IGROUPR && off < GICD_ISENABLER) {
            if (v != 0) {
                UNIMP.info("gic-dist: Group 1 interrupts not implemented (all Group 0)");
            }
        } else if (off >= GICD_ISENABLER && off < GICD_ICENABLER) {
            setBits(off - GICD_ISENABLER, v, id -> s.setEnabled(cpu, id, true));
        } else if (off >= GICD_ICENABLER && off < GICD_ISPENDR) {
            setBits(off - GICD_ICENABLER, v, id -> s.setEnabled(cpu, id, false));
        } else if (off >= GICD_ISPENDR && off < GICD_ICPENDR) {
            setBits(off - GICD_ISPENDR, v, id -> s.setPending(cpu, id, true));
        } else if (off >= GICD_ICPENDR && off < GICD_ISACTIVER) {
            setBits(off - GICD_ICPENDR, v, id -> s.setPending(cpu, id, false));
        } else if (off >= GICD_ISACTIVER && off < GICD_ICACTIVER) {
            setBits(off - GICD_ISACTIVER, v, id -> s.setActive(cpu, id, true));
        } else if (off >= GICD_ICACTIVER && off < GICD_IPRIORITYR) {
            setBits(off - GICD_ICACTIVER, v, id -> s.setActive(cpu, id, false));
        } else if (off >= GICD_ICFGR && off < GICD_ICFGR + s.irqs / 4) {
            // SGI configuration read-only, PPIs fixed level here
            GicBits.writeConfig(s, cpu, (off - GICD_ICFGR) * 4, v, 32);
        } else if (off == GICD_SGIR) {
            sgir(v);
        } else if (off == GICD_CTLR + 4 || off == GICD_IIDR || off >= 0xFD0) {
            GUEST.warning(() -> String.format("gic-dist: write to read-only register 0x%x", off));
        } else {
            UNIMP.fine(() -> String.format("gic-dist: write to unimplemented register 0x%x", off));
        }
        s.update();
    }

    /** GICD_SGIR (4.3.15): TargetListFilter[25:24], CPUTargetList[23:16], SGIINTID[3:0]. */
    private void sgir(int v) {
        int filter = (v >>> 24) & 3;
        int list = (v >>> 16) & 0xFF;
        int all = (1 << s.cpus) - 1;
        int targets = switch (filter) {
            case 0 -> list & all;
            case 1 -> all & ~(1 << cpu);
            case 2 -> 1 << cpu;
            default -> {
                GUEST.warning("gic-dist: GICD_SGIR with reserved TargetListFilter 0b11");
                yield 0;
            }
        };
        s.sendSgi(cpu, v & 0xF, targets);
    }

    private boolean byteRegister(int off) {
        return (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + s.irqs)
                || (off >= GICD_ITARGETSR && off < GICD_ITARGETSR + s.irqs)
                || (off >= GICD_CPENDSGIR && off < GICD_CPENDSGIR + 32);
    }

    private int readByte(int off) {
        if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + s.irqs) {
            return s.priority(cpu, off - GICD_IPRIORITYR);
        }
        if (off >= GICD_ITARGETSR && off < GICD_ITARGETSR + s.irqs) {
            return s.targets(cpu, off - GICD_ITARGETSR);
        }
        // CPENDSGIR / SPENDSGIR: one byte per SGI, one bit per source CPU.
        return s.sgiSources(cpu, (off - GICD_CPENDSGIR) & 15);
    }

    private void writeByte(int off, int b) {
        if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + s.irqs) {
            s.setPriority(cpu, off - GICD_IPRIORITYR, b);
        } else if (off >= GICD_ITARGETSR && off < GICD_ITARGETSR + s.irqs) {
            s.setTargets(off - GICD_ITARGETSR, b); // read-only for INTID < 32
        } else if (off < GICD_SPENDSGIR) {
            int sgi = off - GICD_CPENDSGIR;
            s.setSgiSources(cpu, sgi, s.sgiSources(cpu, sgi) & ~b);
        } else {
            int sgi = off - GICD_SPENDSGIR;
            s.setSgiSources(cpu, sgi, s.sgiSources(cpu, sgi) | b);
        }
    }

    private long bits(int off, int setBase, int clearBase, GicBits.Bit bit) {
        int reg = off >= clearBase ? off - clearBase : off - setBase;
        return GicBits.read(s, cpu, reg * 8, bit);
    }

    private void setBits(int reg, int v, java.util.function.IntConsumer action) {
        GicBits.forEachSet(s, reg * 8, v, action);
    }

}
