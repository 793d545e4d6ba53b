package org.emu4e.engine.cpu.a64.sysreg;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.debug.SelfHostedDebug;

/**
 * Self-hosted debug registers (ARM ARM D2, D17.3 "Debug registers") with Cortex-A53 values
 * (Cortex-A53 TRM 11.2): MDSCR_EL1 (SS, KDE, MDE act), the OS lock (OSLAR_EL1 / OSLSR_EL1,
 * locked from cold reset: OSLSR_EL1 = 0xA), the OS double lock (OSDLR_EL1.DLK with
 * DBGPRCR_EL1.CORENPDRQ), and the six breakpoint / four watchpoint register pairs of
 * {@link SelfHostedDebug}; the registers of units beyond those are UNDEFINED, as on the A53.
 * The Debug Communications Channel, claim tags and DBGAUTHSTATUS_EL1 (no external debugger)
 * read as zero. Every write that can arm or disarm breakpoints and watchpoints refreshes
 * {@link SelfHostedDebug#update()}.
 */
final class DebugRegisters {
    private DebugRegisters() { }

    static void register(SysRegTable.Builder b) {
        b.rw("MDSCR_EL1", 2, 0, 0, 2, 2, 1, c -> c.sys().mdscrEl1, (c, v) -> {
            c.sys().mdscrEl1 = v & 0xFFFF_FFFFL;
            c.selfDebug().update();
        });
        b.rw("MDCCINT_EL1", 2, 0, 0, 2, 0, 1, c -> c.sys().mdccintEl1, (c, v) -> c.sys().mdccintEl1 = v);
        b.raz("MDRAR_EL1", 2, 0, 1, 0, 0, 1);
        b.add("OSLAR_EL1", 2, 0, 1, 0, 4, 1, null, (c, v) -> {
            c.sys().osLock = (v & 1) != 0;
            c.selfDebug().update();
        }, null);
        // OSLM = 0b10 (bits [3] and [0]): the OS lock is implemented; OSLK [1].
        b.ro("OSLSR_EL1", 2, 0, 1, 1, 4, 1, c -> 0x8L | (c.sys().osLock ? 2 : 0));
        b.rw("OSDLR_EL1", 2, 0, 1, 3, 4, 1, c -> c.sys().osdlrEl1, (c, v) -> {
            c.sys().osdlrEl1 = v & 1;
            c.selfDebug().update();
        });
        b.rw("DBGPRCR_EL1", 2, 0, 1, 4, 4, 1, c -> c.sys().dbgprcrEl1, (c, v) -> {
            c.sys().dbgprcrEl1 = v & 1;
            c.selfDebug().update();
        });
        b.razwi("OSECCR_EL1", 2, 0, 0, 6, 2, 1);
        b.razwi("OSDTRRX_EL1", 2, 0, 0, 0, 2, 1);
        b.razwi("OSDTRTX_EL1", 2, 0, 0, 3, 2, 1);
        for (int n = 0; n < SelfHostedDebug.BRPS; n++) {
            int i = n;
            b.rw("DBGBVR" + n + "_EL1", 2, 0, 0, n, 4, 1, c -> d(c).bvr(i), (c, v) -> d(c).setBvr(i, v));
            b.rw("DBGBCR" + n + "_EL1", 2, 0, 0, n, 5, 1, c -> d(c).bcr(i), (c, v) -> d(c).setBcr(i, v));
        }
        for (int n = 0; n < SelfHostedDebug.WRPS; n++) {
            int i = n;
            b.rw("DBGWVR" + n + "_EL1", 2, 0, 0, n, 6, 1, c -> d(c).wvr(i), (c, v) -> d(c).setWvr(i, v));
            b.rw("DBGWCR" + n + "_EL1", 2, 0, 0, n, 7, 1, c -> d(c).wcr(i), (c, v) -> d(c).setWcr(i, v));
        }
        b.razwi("DBGCLAIMSET_EL1", 2, 0, 7, 8, 6, 1);
        b.razwi("DBGCLAIMCLR_EL1", 2, 0, 7, 9, 6, 1);
        b.raz("DBGAUTHSTATUS_EL1", 2, 0, 7, 14, 6, 1);
        b.raz("MDCCSR_EL0", 2, 3, 0, 1, 0, 1);
        b.razwi("DBGVCR32_EL2", 2, 4, 0, 7, 0, 2);
    }

    private static SelfHostedDebug d(A64Cpu cpu) {
        return cpu.selfDebug();
    }
}
