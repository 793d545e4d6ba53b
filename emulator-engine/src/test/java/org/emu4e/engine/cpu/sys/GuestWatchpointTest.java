package org.emu4e.engine.cpu.sys;

import static org.emu4e.engine.cpu.sys.DebugRig.KDE;
import static org.emu4e.engine.cpu.sys.DebugRig.MDE;
import static org.emu4e.engine.cpu.sys.DebugRig.enable;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Guest watchpoints (ARM ARM D2.10, {@code AArch64.WatchpointMatch()}): a Watchpoint exception
 * (EC 0x35 from EL1, 0x34 from EL0) before the access happens, ELR = the instruction, ESR.WnR,
 * DFSC = 0b100010, FAR = the address of the access ({@code AArch64.Abort(vaddress, ...)}).
 */
class GuestWatchpointTest {
    private static final long WORD = SysRig.DATA + 0x100;
    private static final long ESR_WATCH_SAME = 0xD600_0022L; // EC 0x35, IL, DFSC debug
    private static final long ESR_WATCH_LOWER = 0xD200_0022L;
    private static final long WNR = 1L << 6;
    /** DBGWCR: E, PAC = EL1 and EL0 (0b11), LSC = load and store, BAS = all 8 bytes. */
    private static final int WCR_ANY = 1 | (3 << 1) | (3 << 3) | (0xFF << 5);

    /** Watchpoint 0 at {@code wvr} with {@code wcr}, then {@code access} (x1 = WORD, x2 = value). */
    private static SysRig run(long wvr, int wcr, String access) {
        String code = enable(MDE | KDE)
                + " ldr x0, =" + wvr + "\n msr dbgwvr0_el1, x0\n ldr x0, =" + wcr + "\n msr dbgwcr0_el1, x0\n isb\n"
                + " ldr x1, =" + WORD + "\n ldr x2, =0x1122334455667788\n movz x3, #1\n"
                + " access: " + access + "\n movz x4, #5\n";
        SysRig rig = DebugRig.el1(code);
        rig.write64(WORD, 0xAAAA_BBBB_CCCC_DDDDL);
        rig.runToVector();
        return rig;
    }

    private static boolean hit(SysRig rig) {
        return rig.s().pc == SysRig.VECTORS + 0x200;
    }

    @Test
    void storeToAWatchedDoublewordFaultsBeforeWriting() {
        SysRig rig = run(WORD, WCR_ANY, "str x2, [x1]");
        assertEquals(ESR_WATCH_SAME | WNR, rig.esr(1));
        assertEquals(WORD, rig.cpu().sys().far[1]);
        assertEquals(SysRig.CODE + 4L * accessIndex(rig), rig.cpu().sys().elr[1]);
        assertEquals(0xAAAA_BBBB_CCCC_DDDDL, rig.read64(WORD), "memory unchanged");
    }

    /** Index of the access instruction: ELR must point at the "access:" label. */
    private static int accessIndex(SysRig rig) {
        long pc = SysRig.CODE;
        // The instruction after "movz x3, #1" (0xd2800023).
        while (rig.physical().read(pc, 4) != 0xD280_0023L) {
            pc += 4;
        }
        return (int) ((pc + 4 - SysRig.CODE) / 4);
    }

    @Test
    void loadStoreControlSelectsTheAccessKind() {
        int storeOnly = WCR_ANY & ~(1 << 3);
        SysRig rig = run(WORD, storeOnly, "ldr x5, [x1]");
        assertEquals(false, hit(rig), "no exception: the load completes");
        assertEquals(0xAAAA_BBBB_CCCC_DDDDL, rig.s().x[5]);
        int loadOnly = WCR_ANY & ~(1 << 4);
        rig = run(WORD, loadOnly, "ldr w5, [x1, #4]");
        assertEquals(ESR_WATCH_SAME, rig.esr(1), "WnR = 0 for a load");
        assertEquals(WORD + 4, rig.cpu().sys().far[1]);
        assertEquals(0, rig.s().x[5]);
    }

    @Test
    void byteAddressSelectMatchesOnlyTheSelectedBytes() {
        int byte4 = 1 | (3 << 1) | (3 << 3) | (0x10 << 5);
        assertEquals(false, hit(run(WORD, byte4, "strb w2, [x1, #3]")));
        SysRig rig = run(WORD, byte4, "strb w2, [x1, #4]");
        assertEquals(WORD + 4, rig.cpu().sys().far[1]);
        rig = run(WORD, byte4, "str x2, [x1]");
        assertEquals(WORD, rig.cpu().sys().far[1], "an aligned access reports its own address");
        assertEquals(false, hit(run(WORD, byte4, "ldr w5, [x1, #8]")));
    }

    @Test
    void wordAlignedWatchpointAddressUsesFourByteSelects() {
        int low2 = 1 | (3 << 1) | (3 << 3) | (0x3 << 5);
        assertEquals(false, hit(run(WORD, low2, "strb w2, [x1, #6]")));
        assertEquals(true, hit(run(WORD + 4, low2, "strb w2, [x1, #5]")));
        assertEquals(false, hit(run(WORD + 4, low2, "strb w2, [x1, #1]")));
    }

    @Test
    void maskWatchesAnAlignedPowerOfTwoRange() {
        int mask12 = WCR_ANY | (12 << 24);
        long page = WORD & ~0xFFFL;
        SysRig rig = run(page, mask12, "str x2, [x1, #0x80]");
        assertEquals(WORD + 0x80, rig.cpu().sys().far[1]);
        assertEquals(false, hit(run(page + 0x1000, mask12, "str x2, [x1, #0x80]")));
        assertEquals(false, hit(run(WORD, WCR_ANY | (2 << 24), "str x2, [x1]")), "MASK 2 is reserved: disabled");
    }

    @Test
    void privilegeFieldsAndUnprivilegedAccesses() {
        int el0Only = 1 | (2 << 1) | (3 << 3) | (0xFF << 5);
        assertEquals(false, hit(run(WORD, el0Only, "str x2, [x1]")), "EL1 access, PAC = EL0");
        SysRig rig = run(WORD, el0Only, "sttr x2, [x1]");
        assertEquals(ESR_WATCH_SAME | WNR, rig.esr(1), "STTR at EL1 is an EL0 access");
        int el1Only = 1 | (1 << 1) | (3 << 3) | (0xFF << 5);
        assertEquals(false, hit(run(WORD, el1Only, "ldtr x5, [x1]")));
    }

    @Test
    void exclusivesAndPairsAreWatched() {
        SysRig rig = run(WORD, WCR_ANY, "ldxr x5, [x1]");
        assertEquals(ESR_WATCH_SAME, rig.esr(1));
        rig = run(WORD + 8, WCR_ANY, "stp x2, x2, [x1]");
        assertEquals(ESR_WATCH_SAME | WNR, rig.esr(1));
        assertEquals(WORD + 8, rig.cpu().sys().far[1], "the second access of the pair");
    }

    @Test
    void noWatchpointWithoutMdeOrWithTheOsLock() {
        String code = "mov x28, #" + MDE + "\n msr mdscr_el1, x28\n" // OS lock still set from reset
                + " ldr x0, =" + WORD + "\n msr dbgwvr0_el1, x0\n ldr x0, =" + WCR_ANY + "\n msr dbgwcr0_el1, x0\n isb\n"
                + " ldr x1, =" + WORD + "\n str x0, [x1]\n";
        SysRig rig = DebugRig.el1(code);
        assertEquals(null, rig.run());
        assertEquals(WCR_ANY, rig.read64(WORD));
    }

    @Test
    void watchpointAtEl0GoesToEl1() {
        String code = "msr oslar_el1, xzr\n mov x28, #" + MDE + "\n msr mdscr_el1, x28\n"
                + " ldr x0, =" + WORD + "\n msr dbgwvr2_el1, x0\n ldr x0, =" + (1 | (2 << 1) | (3 << 3) | (0xFF << 5))
                + "\n msr dbgwcr2_el1, x0\n"
                + " ldr x1, =" + WORD + "\n adr x2, el0code\n msr elr_el1, x2\n mov x2, #0x3c0\n msr spsr_el1, x2\n eret\n"
                + " el0code: ldr x5, [x1]\n";
        SysRig rig = DebugRig.el1(code).runToVector();
        assertEquals(SysRig.VECTORS + 0x400, rig.s().pc);
        assertEquals(ESR_WATCH_LOWER, rig.esr(1));
        assertEquals(WORD, rig.cpu().sys().far[1]);
    }
}
