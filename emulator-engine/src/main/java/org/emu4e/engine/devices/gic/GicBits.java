package org.emu4e.engine.devices.gic;

import java.util.function.IntConsumer;

/**
 * The register shapes GICv2 and GICv3 share: one bit per interrupt (IGROUPR, I[SC]ENABLER,
 * I[SC]PENDR, I[SC]ACTIVER) and two bits per interrupt (ICFGR), over {@link GicState}.
 */
final class GicBits {
    private GicBits() { }

    @FunctionalInterface
    interface Bit {
        boolean get(int cpu, int id);
    }

    /** The 32 bits for INTIDs {@code first..first+31} of {@code cpu}'s view. */
    static long read(GicState s, int cpu, int first, Bit bit) {
        long v = 0;
        for (int i = 0; i < 32 && first + i < s.irqs; i++) {
            if (bit.get(cpu, first + i)) {
                v |= 1L << i;
            }
        }
        return v;
    }

    /** Runs {@code action} for each set bit of {@code v} (INTID {@code first} + bit). */
    static void forEachSet(GicState s, int first, int v, IntConsumer action) {
        for (int i = 0; i < 32; i++) {
            if ((v & (1 << i)) != 0 && first + i < s.irqs) {
                action.accept(first + i);
            }
        }
    }

    /** ICFGR word for INTIDs {@code first..first+15}: Int_config[1] (bit 2n+1) set for edge-triggered. */
    static long readConfig(GicState s, int cpu, int first) {
        long v = 0;
        for (int i = 0; i < 16; i++) {
            if (s.isEdge(cpu, first + i)) {
                v |= 2L << (2 * i);
            }
        }
        return v;
    }

    /** ICFGR write; INTIDs below {@code lowestWritable} keep their configuration. */
    static void writeConfig(GicState s, int cpu, int first, int v, int lowestWritable) {
        for (int i = 0; i < 16; i++) {
            if (first + i >= lowestWritable && first + i < s.irqs) {
                s.setEdge(cpu, first + i, ((v >>> (2 * i + 1)) & 1) != 0);
            }
        }
    }

    /**
     * Peripheral/component ID registers at 0x?FD0..0x?FFC of a frame: ArchRev in PIDR2[7:4]
     * (2 for GICv2, 3 for GICv3, which is what Linux checks), ARM's JEP106 code, GIC part.
     */
    static long idRegister(int off, int archRev) {
        return switch (off & 0xFFF) {
            case 0xFE8 -> (archRev << 4) | 0xB; // PIDR2
            case 0xFE0 -> 0x90;
            case 0xFE4 -> 0xB4;
            case 0xFF0 -> 0x0D;
            case 0xFF4 -> 0xF0;
            case 0xFF8 -> 0x05;
            case 0xFFC -> 0xB1;
            default -> 0;
        };
    }
}
