package org.emu4e.engine.cpu.a64.debug;

import org.emu4e.engine.cpu.a64.A64Cpu;

/**
 * Watchpoint matching (ARM ARM D2.10 "Watchpoint exceptions", pseudocode
 * {@code AArch64.WatchpointMatch()} and {@code AArch64.WatchpointByteMatch()}).
 * DBGWCR<n>_EL1 fields: E [0], PAC [2:1], LSC [4:3] (bit 3 loads, bit 4 stores), BAS [12:5],
 * HMC [13], SSC [15:14], LBN [19:16], WT [20] (linked), MASK [28:24].
 * CONSTRAINED UNPREDICTABLE choices (the same as QEMU's): MASK 1 or 2 disables the
 * watchpoint; a MASK with BAS not all ones ignores BAS; masked-out WVR bits that are not zero
 * are ignored; a BAS that is not contiguous never matches.
 */
final class WatchpointMatch {
    private WatchpointMatch() { }

    /**
     * The lowest address in [va, va + size) that watchpoint {@code n} matches for this access,
     * or -1.
     */
    static long firstMatch(A64Cpu cpu, SelfHostedDebug regs, int n, long va, int size, boolean write,
            boolean privileged) {
        long wcr = regs.wcr[n];
        if ((wcr & 1) == 0 || (wcr & (write ? 1L << 4 : 1L << 3)) == 0) {
            return -1;
        }
        long hit = -1;
        for (int i = 0; i < size; i++) {
            if (byteMatches(cpu, wcr, regs.wvr[n], va + i)) {
                hit = va + i;
                break;
            }
        }
        if (hit == -1) {
            return -1;
        }
        int pac = (int) (wcr >>> 1) & 3;
        int hmc = (int) (wcr >>> 13) & 1;
        int ssc = (int) (wcr >>> 14) & 3;
        int lbn = (int) (wcr >>> 16) & 0xF;
        boolean linked = (wcr & (1L << 20)) != 0;
        return StateMatch.matches(cpu, regs, ssc, hmc, pac, linked, lbn, false, privileged) ? hit : -1;
    }

    static boolean byteMatches(A64Cpu cpu, long wcr, long wvr, long va) {
        int bas = (int) (wcr >>> 5) & 0xFF;
        int mask = (int) (wcr >>> 24) & 0x1F;
        if (mask == 1 || mask == 2) {
            return false;
        }
        int top = topBit(cpu, va);
        long topMask = top == 63 ? -1L : (1L << (top + 1)) - 1;
        if (mask > 0) {
            long m = topMask & -(1L << mask);
            return ((va ^ wvr) & m) == 0; // MASK > 0 requires BAS all ones; BAS ignored
        }
        int bottom = (wvr & 4) != 0 ? 2 : 3;
        if (bottom == 2) {
            bas &= 0xF;
        }
        int lsb = bas & -bas;
        int msb = bas + lsb;
        if ((msb & (msb - 1)) != 0) {
            return false; // BAS not contiguous
        }
        int index = (int) va & ((1 << bottom) - 1);
        if ((bas & (1 << index)) == 0) {
            return false;
        }
        return ((va ^ wvr) & topMask & -(1L << bottom)) == 0;
    }

    /** {@code AddrTop()} for a data address: 55 when the top byte is ignored (TCR_ELx.TBI), else 63. */
    private static int topBit(A64Cpu cpu, long va) {
        int el = cpu.state().el;
        long tbi = switch (el) {
            case 0, 1 -> cpu.sys().tcrEl1 & ((va & (1L << 55)) != 0 ? 1L << 38 : 1L << 37);
            case 2 -> cpu.sys().tcrEl2 & (1L << 20);
            default -> cpu.sys().tcrEl3 & (1L << 20);
        };
        return tbi != 0 ? 55 : 63;
    }
}
