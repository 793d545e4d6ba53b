package org.emu4e.engine.cpu.a64.mmu;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.sysreg.SystemRegisters;
import org.emu4e.engine.memory.BusFault;

/**
 * Stage 1 translation table walk for the EL1&0, EL2 and EL3 regimes (ARM ARM D8.2
 * "Translation process", pseudocode {@code AArch64.TranslationTableWalk()} for ARMv8.0):
 * VA range checks and TTBR selection by VA[55] with TxSZ/TBI/EPD, 4K/16K/64K granules and
 * every start level, table/block/page descriptors, hierarchical APTable/XNTable/PXNTable,
 * access flag, and output address size checks against min(TCR.IPS/PS, 40 bits).
 */
final class Walker {
    // Fault status types; the level (0..3) is added.
    static final int ADDR_SIZE = 0x00;
    static final int TRANSLATION = 0x04;
    static final int ACCESS_FLAG = 0x08;
    static final int PERMISSION = 0x0C;
    static final int EXT_ABORT_WALK = 0x14;

    /** Implemented physical address size (ID_AA64MMFR0_EL1.PARange = 40 bits). */
    static final int PA_BITS = 40;
    private static final int[] PS_BITS = {32, 36, 40, 42, 44, 48, 52, 52};
    private static final long OA_MASK = 0x0000_FFFF_FFFF_F000L;

    private Walker() { }

    /** Walks {@code va} in {@code regime}; fills {@code r} (check {@link WalkResult#faulted()}). */
    static void walk(A64Cpu cpu, int regime, long va, WalkResult r) {
        SystemRegisters sys = cpu.sys();
        long tcr = sys.tcr(regime);
        r.fsc = -1;
        r.walkAbort = false;
        boolean upper;
        int txsz;
        int granule;
        long ttbr;
        int ps;
        boolean epd;
        if (regime == 1) {
            upper = (va & (1L << 55)) != 0;
            txsz = (int) (upper ? tcr >>> 16 : tcr) & 63;
            r.tbi = (tcr & (upper ? 1L << 38 : 1L << 37)) != 0;
            epd = (tcr & (upper ? 1L << 23 : 1L << 7)) != 0;
            granule = upper ? tg1Bits((int) (tcr >>> 30) & 3) : tg0Bits((int) (tcr >>> 14) & 3);
            ttbr = upper ? sys.ttbr1El1 : sys.ttbr0El1;
            ps = (int) (tcr >>> 32) & 7;
            long asidReg = (tcr & (1L << 22)) != 0 ? sys.ttbr1El1 : sys.ttbr0El1;
            r.asid = (int) (asidReg >>> 48) & ((tcr & (1L << 36)) != 0 ? 0xFFFF : 0xFF);
        } else {
            upper = false;
            txsz = (int) tcr & 63;
            r.tbi = (tcr & (1L << 20)) != 0;
            epd = false;
            granule = tg0Bits((int) (tcr >>> 14) & 3);
            ttbr = sys.ttbr0(regime);
            ps = (int) (tcr >>> 16) & 7;
            r.asid = 0;
        }
        txsz = Math.max(16, Math.min(39, txsz));
        int inputSize = 64 - txsz;
        // D8.2.5: VA bits above the input size must all equal the region select (bits [63:56]
        // are excluded when the top byte is ignored); else a level 0 translation fault.
        int topBit = r.tbi ? 56 : 64;
        long high = topBit == 64 ? va >> inputSize : (va << 8 >> 8) >> inputSize;
        if (high != (upper ? -1L : 0L) || epd) {
            r.fault(TRANSLATION, 0);
            return;
        }
        int outputSize = Math.min(PS_BITS[ps], PA_BITS);
        int stride = granule - 3;
        int start = 3 - (inputSize - granule - 1) / stride;
        int firstBits = inputSize - (granule + (3 - start) * stride);
        long base = ttbr & 0x0000_FFFF_FFFF_FFFEL & ~((8L << firstBits) - 1);
        if ((base >>> outputSize) != 0) {
            r.fault(ADDR_SIZE, 0);
            return;
        }
        int apTable = 0;
        boolean xnTable = false;
        boolean pxnTable = false;
        for (int level = start; level <= 3; level++) {
            int shift = granule + (3 - level) * stride;
            int bits = level == start ? firstBits : stride;
            long index = (va >>> shift) & ((1L << bits) - 1);
            long desc;
            try {
                desc = cpu.bus().read(base + index * 8, 8);
            } catch (BusFault f) {
                r.fault(EXT_ABORT_WALK, level);
                r.walkAbort = true;
                return;
            }
            if ((desc & 1) == 0) {
                r.fault(TRANSLATION, level);
                return;
            }
            boolean table = (desc & 2) != 0 && level < 3;
            if (table) {
                base = desc & OA_MASK & ~((1L << granule) - 1);
                if ((base >>> outputSize) != 0) {
                    r.fault(ADDR_SIZE, level);
                    return;
                }
                apTable |= (int) (desc >>> 61) & 3;
                xnTable |= (desc & (1L << 60)) != 0;
                pxnTable |= (desc & (1L << 59)) != 0 && regime == 1;
                continue;
            }
            if (level == 3 ? (desc & 2) == 0 : !blockAllowed(granule, level)) {
                r.fault(TRANSLATION, level);
                return;
            }
            long oa = desc & OA_MASK & ~((1L << shift) - 1);
            if ((oa >>> outputSize) != 0) {
                r.fault(ADDR_SIZE, level);
                return;
            }
            if ((desc & (1L << 10)) == 0) {
                r.fault(ACCESS_FLAG, level);
                return;
            }
            r.pa = oa | (va & ((1L << shift) - 1));
            r.level = level;
            r.blockShift = shift;
            r.global = regime != 1 || (desc & (1L << 11)) == 0;
            r.sh = (int) (desc >>> 8) & 3;
            int attrIndx = (int) (desc >>> 2) & 7;
            r.attr = (int) (sys.mair(regime) >>> (8 * attrIndx)) & 0xFF;
            r.device = (r.attr & 0xF0) == 0;
            r.perms = permissions(regime, desc, apTable, xnTable, pxnTable, (sys.sctlr[regime] & SystemRegisters.SCTLR_WXN) != 0);
            return;
        }
    }

    /**
     * Stage 1 permissions (D8.4.1 "Memory access control"): AP[2:1] with APTable, UXN/PXN
     * with UXNTable/PXNTable for EL1&0; AP[2] and XN for EL2/EL3. EL1 may never execute
     * memory that EL0 can write; with SCTLR.WXN writable memory is never executable.
     */
    static int permissions(int regime, long desc, int apTable, boolean xnTable, boolean pxnTable, boolean wxn) {
        boolean ro = (desc & (1L << 7)) != 0 || (apTable & 2) != 0;
        boolean xn = (desc & (1L << 54)) != 0 || xnTable;
        if (regime != 1) {
            int p = Mmu.R1 | (ro ? 0 : Mmu.W1) | ((xn || (wxn && !ro)) ? 0 : Mmu.X1);
            return p;
        }
        boolean el0 = (desc & (1L << 6)) != 0 && (apTable & 1) == 0;
        boolean pxn = (desc & (1L << 53)) != 0 || pxnTable;
        boolean w0 = el0 && !ro;
        int p = Mmu.R1 | (ro ? 0 : Mmu.W1);
        if (el0) {
            p |= Mmu.R0 | (w0 ? Mmu.W0 : 0);
        }
        if (!xn && !(wxn && w0)) {
            p |= Mmu.X0;
        }
        if (!pxn && !w0 && !(wxn && !ro)) {
            p |= Mmu.X1;
        }
        return p;
    }

    /** Block descriptors exist at level 1 and 2 for 4K, only level 2 for 16K and 64K (ARMv8.0). */
    private static boolean blockAllowed(int granule, int level) {
        return level == 2 || (level == 1 && granule == 12);
    }

    /** TCR.TG0: 00 4K, 01 64K, 10 16K; the reserved value behaves as 4K. */
    static int tg0Bits(int tg0) {
        return switch (tg0) {
            case 1 -> 16;
            case 2 -> 14;
            default -> 12;
        };
    }

    /** TCR.TG1: 01 16K, 10 4K, 11 64K; the reserved value behaves as 4K. */
    static int tg1Bits(int tg1) {
        return switch (tg1) {
            case 1 -> 14;
            case 3 -> 16;
            default -> 12;
        };
    }
}
