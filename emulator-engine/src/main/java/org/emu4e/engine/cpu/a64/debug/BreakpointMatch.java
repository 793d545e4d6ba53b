package org.emu4e.engine.cpu.a64.debug;

import org.emu4e.engine.cpu.a64.A64Cpu;

/**
 * Hardware breakpoint matching (ARM ARM D2.9 "Breakpoint exceptions", pseudocode
 * {@code AArch64.BreakpointMatch()} and {@code AArch64.BreakpointValueMatch()}).
 * DBGBCR<n>_EL1 fields: E [0], PMC [2:1], BAS [8:5], HMC [13], SSC [15:14], LBN [19:16],
 * BT [23:20]. Breakpoint types implemented: 0b0000 unlinked address, 0b0001 linked address,
 * 0b0010 unlinked context ID (CONTEXTIDR_EL1) and 0b0011 linked context ID, the last two only
 * on the context-aware breakpoints. Address mismatch and VMID types (reserved without AArch32
 * or EL2 use) never match.
 */
final class BreakpointMatch {
    static final int BT_ADDRESS = 0b0000;
    static final int BT_LINKED_ADDRESS = 0b0001;
    static final int BT_CONTEXT = 0b0010;
    static final int BT_LINKED_CONTEXT = 0b0011;

    private BreakpointMatch() { }

    static int type(long bcr) {
        return (int) (bcr >>> 20) & 0xF;
    }

    static boolean enabled(long bcr) {
        return (bcr & 1) != 0;
    }

    /** True if breakpoint {@code n} matches an A64 instruction fetched from {@code pc} now. */
    static boolean matches(A64Cpu cpu, SelfHostedDebug regs, int n, long pc) {
        long bcr = regs.bcr[n];
        if (!enabled(bcr)) {
            return false;
        }
        int bt = type(bcr);
        boolean contextAware = n >= SelfHostedDebug.FIRST_CONTEXT_BRP;
        boolean valueMatch;
        switch (bt) {
            case BT_ADDRESS, BT_LINKED_ADDRESS -> {
                // vaddress<1:0> is 0 for A64, so BAS<0> selects; the whole register is compared
                // (bits [63:49] are RESS: software writes the sign extension of bit 48).
                valueMatch = (bcr & (1L << 5)) != 0 && ((pc ^ regs.bvr[n]) & ~3L) == 0;
            }
            case BT_CONTEXT -> valueMatch = contextAware && contextIdMatches(cpu, regs.bvr[n]);
            default -> {
                return false; // linked context types only match as link targets; others reserved
            }
        }
        if (!valueMatch) {
            return false;
        }
        int pmc = (int) (bcr >>> 1) & 3;
        int hmc = (int) (bcr >>> 13) & 1;
        int ssc = (int) (bcr >>> 14) & 3;
        int lbn = (int) (bcr >>> 16) & 0xF;
        return StateMatch.matches(cpu, regs, ssc, hmc, pmc, bt == BT_LINKED_ADDRESS, lbn, true, cpu.state().el != 0);
    }

    /** Breakpoint {@code lbn} as the target of a link: an enabled linked context ID breakpoint that matches now. */
    static boolean linkedContextMatches(A64Cpu cpu, SelfHostedDebug regs, int lbn) {
        long bcr = regs.bcr[lbn];
        return enabled(bcr) && type(bcr) == BT_LINKED_CONTEXT && contextIdMatches(cpu, regs.bvr[lbn]);
    }

    /** Context ID match: at EL0/EL1, CONTEXTIDR_EL1 equals DBGBVR<n>_EL1[31:0]. */
    private static boolean contextIdMatches(A64Cpu cpu, long bvr) {
        return cpu.state().el <= 1 && (int) cpu.sys().contextidrEl1 == (int) bvr;
    }

    /** True if breakpoint {@code n} could match some PC in [from, to) (address types) or any PC (context types). */
    static boolean mayMatchIn(SelfHostedDebug regs, int n, long from, long to) {
        long bcr = regs.bcr[n];
        if (!enabled(bcr)) {
            return false;
        }
        int bt = type(bcr);
        if (bt == BT_CONTEXT) {
            return true;
        }
        if (bt != BT_ADDRESS && bt != BT_LINKED_ADDRESS) {
            return false;
        }
        long a = regs.bvr[n] & ~3L;
        return Long.compareUnsigned(a, from) >= 0 && Long.compareUnsigned(a, to) < 0;
    }
}
