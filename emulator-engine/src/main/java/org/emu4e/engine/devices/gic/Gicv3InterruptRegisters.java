package org.emu4e.engine.devices.gic;

import static org.emu4e.engine.devices.gic.GicDistributor.GUEST;
import static org.emu4e.engine.devices.gic.GicDistributor.UNIMP;

/**
 * The per-interrupt registers GICv3 (IHI 0069) lays out the same way in the Distributor (for
 * SPIs) and in a Redistributor's SGI_base frame (for SGIs and PPIs): IGROUPR, I[SC]ENABLER,
 * I[SC]PENDR, I[SC]ACTIVER, IPRIORITYR, ICFGR, IGRPMODR, NSACR. One instance covers INTIDs
 * {@code minId..maxId-1} of one CPU's bank; bits and bytes outside that range are RAZ/WI
 * (with affinity routing the Distributor's registers for INTID 0..31 are RES0).
 *
 * <p>Model: single Security state (GICD_CTLR.DS = 1) with every interrupt in Group 1, so
 * IGROUPR reads as ones, IGRPMODR and NSACR are RAZ/WI. Bit registers take 32-bit accesses,
 * IPRIORITYR byte or 32-bit accesses.
 */
final class Gicv3InterruptRegisters {
    static final int IGROUPR = 0x080;
    static final int ISENABLER = 0x100;
    static final int ICENABLER = 0x180;
    static final int ISPENDR = 0x200;
    static final int ICPENDR = 0x280;
    static final int ISACTIVER = 0x300;
    static final int ICACTIVER = 0x380;
    static final int IPRIORITYR = 0x400;
    static final int ICFGR = 0xC00;
    static final int IGRPMODR = 0xD00;
    static final int NSACR = 0xE00;
    private static final int END = 0xF00;

    private final GicState s;
    private final int cpu;
    private final int minId;
    private final int maxId;
    private final String name;

    Gicv3InterruptRegisters(GicState s, int cpu, int minId, int maxId, String name) {
        this.s = s;
        this.cpu = cpu;
        this.minId = minId;
        this.maxId = maxId;
        this.name = name;
    }

    /** True if {@code off} lies in the block these registers occupy (0x080..0xEFF). */
    static boolean covers(int off) { return off >= IGROUPR && off < END; }

    long read(int off, int size) {
        if (off >= IPRIORITYR && off < IPRIORITYR + 1020 && (size == 1 || size == 4 && (off & 3) == 0)) {
            long v = 0;
            for (int i = 0; i < size; i++) {
                int id = off - IPRIORITYR + i;
                v |= (long) (in(id) ? s.priority(cpu, id) : 0) << (8 * i);
            }
            return v;
        }
        if (size != 4 || (off & 3) != 0) {
            GUEST.warning(() -> String.format("%s: bad %d-byte read at 0x%x", name, size, off));
            return 0;
        }
        if (off >= ICFGR && off < IGRPMODR) {
            int first = (off - ICFGR) * 4;
            return in(first) ? GicBits.readConfig(s, cpu, first) : 0;
        }
        if (off >= IGRPMODR) {
            return 0;
        }
        int base = off < ISENABLER ? IGROUPR : off < ISPENDR ? ISENABLER : off < ISACTIVER ? ISPENDR : ISACTIVER;
        int first = ((off - base) & 0x7F) * 8;
        if (!in(first)) {
            return 0;
        }
        return switch (base) {
            case IGROUPR -> GicBits.read(s, cpu, first, (c, id) -> true);
            case ISENABLER -> GicBits.read(s, cpu, first, s::isEnabled);
            case ISPENDR -> GicBits.read(s, cpu, first, s::isPending);
            default -> GicBits.read(s, cpu, first, s::isActive);
        };
    }

    void write(int off, int size, long value) {
        if (off >= IPRIORITYR && off < IPRIORITYR + 1020 && (size == 1 || size == 4 && (off & 3) == 0)) {
            for (int i = 0; i < size; i++) {
                int id = off - IPRIORITYR + i;
                if (in(id)) {
                    s.setPriority(cpu, id, (int) (value >>> (8 * i)));
                }
            }
            refresh();
            return;
        }
        if (size != 4 || (off & 3) != 0) {
            GUEST.warning(() -> String.format("%s: bad %d-byte write at 0x%x", name, size, off));
            return;
        }
        int v = (int) value;
        if (off >= ICFGR && off < IGRPMODR) {
            int first = (off - ICFGR) * 4;
            if (in(first)) {
                GicBits.writeConfig(s, cpu, first, v, Math.max(minId, 16)); // SGIs are always edge
            }
        } else if (off >= IGRPMODR || off < ISENABLER) {
            // IGROUPR (RAO/WI: Group 1 only), IGRPMODR and NSACR (RAZ/WI with DS = 1).
            if (off < ISENABLER && ~v != 0 && in(((off - IGROUPR) & 0x7F) * 8)) {
                UNIMP.fine(() -> name + ": Group 0 interrupts are not implemented (all Group 1)");
            }
        } else {
            int base = off & ~0x7F;
            int first = ((off - base) & 0x7F) * 8;
            if (in(first)) {
                java.util.function.IntConsumer action = switch (base) {
                    case ISENABLER -> id -> s.setEnabled(cpu, id, true);
                    case ICENABLER -> id -> s.setEnabled(cpu, id, false);
                    case ISPENDR -> id -> s.setPending(cpu, id, true);
                    case ICPENDR -> id -> s.setPending(cpu, id, false);
                    case ISACTIVER -> id -> s.setActive(cpu, id, true);
                    default -> id -> s.setActive(cpu, id, false);
                };
                GicBits.forEachSet(s, first, v, action);
            }
        }
        refresh();
    }

    /** A Redistributor's bank concerns its own CPU only; SPIs may concern any. */
    private void refresh() {
        if (maxId <= 32) {
            s.update(cpu);
        } else {
            s.update();
        }
    }

    private boolean in(int id) { return id >= minId && id < maxId && id < s.irqs; }
}
