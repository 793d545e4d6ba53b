package org.emu4e.engine.cpu.a64.sysreg;

/**
 * Self-hosted debug registers (ARM ARM D2, D17.3; the PMU's are {@link PmuRegisters}). Debug
 * exceptions from breakpoint/watchpoint registers are not generated (the GDB stub is the
 * debugger), so those registers are RAZ/WI; the OS lock and MDSCR keep their values so
 * kernels that save/restore them see consistent state.
 */
final class DebugPerfRegisters {
    private DebugPerfRegisters() { }

    static void register(SysRegTable.Builder b) {
        b.rw("MDSCR_EL1", 2, 0, 0, 2, 2, 1, c -> c.sys().mdscrEl1, (c, v) -> c.sys().mdscrEl1 = v & 0xFFFF_FFFFL);
        b.rw("MDCCINT_EL1", 2, 0, 0, 2, 0, 1, c -> c.sys().mdccintEl1, (c, v) -> c.sys().mdccintEl1 = v);
        b.raz("MDRAR_EL1", 2, 0, 1, 0, 0, 1);
        b.add("OSLAR_EL1", 2, 0, 1, 0, 4, 1, null, (c, v) -> c.sys().osLock = (v & 1) != 0, null);
        b.ro("OSLSR_EL1", 2, 0, 1, 1, 4, 1, c -> 0x8L | (c.sys().osLock ? 2 : 0));
        b.rw("OSDLR_EL1", 2, 0, 1, 3, 4, 1, c -> c.sys().osdlrEl1, (c, v) -> c.sys().osdlrEl1 = v & 1);
        b.rw("DBGPRCR_EL1", 2, 0, 1, 4, 4, 1, c -> c.sys().dbgprcrEl1, (c, v) -> c.sys().dbgprcrEl1 = v & 1);
        b.razwi("OSECCR_EL1", 2, 0, 0, 6, 2, 1);
        b.razwi("OSDTRRX_EL1", 2, 0, 0, 0, 2, 1);
        b.razwi("OSDTRTX_EL1", 2, 0, 0, 3, 2, 1);
        for (int n = 0; n < 16; n++) {
            b.razwi("DBGBVR" + n + "_EL1", 2, 0, 0, n, 4, 1);
            b.razwi("DBGBCR" + n + "_EL1", 2, 0, 0, n, 5, 1);
            b.razwi("DBGWVR" + n + "_EL1", 2, 0, 0, n, 6, 1);
            b.razwi("DBGWCR" + n + "_EL1", 2, 0, 0, n, 7, 1);
        }
        b.razwi("DBGCLAIMSET_EL1", 2, 0, 7, 8, 6, 1);
        b.razwi("DBGCLAIMCLR_EL1", 2, 0, 7, 9, 6, 1);
        b.raz("DBGAUTHSTATUS_EL1", 2, 0, 7, 14, 6, 1);
        b.raz("MDCCSR_EL0", 2, 3, 0, 1, 0, 1);
        b.razwi("DBGVCR32_EL2", 2, 4, 0, 7, 0, 2);
    }
}
