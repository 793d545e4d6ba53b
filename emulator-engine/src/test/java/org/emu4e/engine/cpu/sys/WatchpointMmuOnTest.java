package org.emu4e.engine.cpu.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emu4e.engine.testing.CpuRig;
import org.junit.jupiter.api.Test;

/**
 * Watchpoints on Normal memory (stage 1 on, where unaligned accesses are allowed): an unaligned
 * access is a sequence of byte accesses in {@code Mem[]}, so FAR is its first watched byte; and
 * the exception is precise: a load pair with writeback hit on its second element leaves the
 * base register as it was.
 */
class WatchpointMmuOnTest {
    private static final long VECTORS = CpuRig.RAM_BASE + 0x1_0000;
    private static final long ESR_WATCH_SAME = 0xD600_0022L;

    private static CpuRig runToVector(long wvr, int bas, String access) {
        int wcr = 1 | (3 << 1) | (3 << 3) | (bas << 5);
        CpuRig rig = new CpuRig().load(DebugRig.enable(DebugRig.MDE | DebugRig.KDE)
                + " ldr x0, =" + wvr + "\n msr dbgwvr0_el1, x0\n ldr x0, =" + wcr + "\n msr dbgwcr0_el1, x0\n isb\n"
                + " ldr x1, =" + CpuRig.DATA + "\n"
                + " access: " + access + "\n nop\n .ltorg\n");
        rig.cpu().sys().vbar[1] = VECTORS;
        for (int i = 0; i < 100 && (rig.s().pc & ~0x7FFL) != VECTORS; i++) {
            rig.cpu().run(1);
        }
        assertEquals(VECTORS + 0x200, rig.s().pc, access);
        return rig;
    }

    @Test
    void unalignedAccessReportsItsFirstWatchedByte() {
        CpuRig rig = runToVector(CpuRig.DATA, 0x10, "ldr x5, [x1, #3]");
        assertEquals(ESR_WATCH_SAME, rig.cpu().sys().esr[1]);
        assertEquals(CpuRig.DATA + 4, rig.cpu().sys().far[1]);
        assertEquals(0, rig.s().x[5]);
    }

    @Test
    void loadPairWithWritebackIsPrecise() {
        CpuRig rig = runToVector(CpuRig.DATA + 8, 0xFF, "ldp x5, x6, [x1], #16");
        assertEquals(CpuRig.DATA + 8, rig.cpu().sys().far[1], "the second element's access");
        assertEquals(CpuRig.DATA, rig.s().x[1], "no writeback");
        assertEquals(0, rig.s().x[6]);
        long ldp = rig.cpu().sys().elr[1];
        assertEquals(0xA8C1_1825L, rig.bus().read(ldp, 4), "ELR = the LDP");
    }
}
