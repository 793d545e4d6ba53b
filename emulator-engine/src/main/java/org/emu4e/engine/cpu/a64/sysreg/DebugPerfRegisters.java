package org.emu4e.engine.cpu.a64.sysreg;

/**
 * Self-hosted debug and performance-monitor registers (ARM ARM D2, D7, D17.3, D17.5). Debug
 * exceptions from breakpoint/watchpoint registers are not generated (the GDB stub is the
 * debugger), so those registers are RAZ/WI; the OS lock and MDSCR keep their values so
 * kernels that save/restore them see consistent state. The PMU has no counters (PMCR_EL0.N
 * reads 0); EL0 access traps unless PMUSERENR_EL0.EN, which reads as 0.
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

        SysReg.Check pmuEl0 = (c, read, insn) -> {
            if (c.state().el == 0) {
                throw SysRegAccess.trap(insn, SysRegAccess.tge(c) ? 2 : 1);
            }
        };
        String[] c12 = {"PMCR_EL0", "PMCNTENSET_EL0", "PMCNTENCLR_EL0", "PMOVSCLR_EL0", "PMSWINC_EL0", "PMSELR_EL0",
            "PMCEID0_EL0", "PMCEID1_EL0"};
        for (int op2 = 0; op2 < 8; op2++) {
            b.add(c12[op2], 3, 3, 9, 12, op2, 0, SysRegTable::zero, SysRegTable::ignore, pmuEl0);
        }
        b.add("PMCCNTR_EL0", 3, 3, 9, 13, 0, 0, SysRegTable::zero, SysRegTable::ignore, pmuEl0);
        b.add("PMXEVTYPER_EL0", 3, 3, 9, 13, 1, 0, SysRegTable::zero, SysRegTable::ignore, pmuEl0);
        b.add("PMXEVCNTR_EL0", 3, 3, 9, 13, 2, 0, SysRegTable::zero, SysRegTable::ignore, pmuEl0);
        b.add("PMUSERENR_EL0", 3, 3, 9, 14, 0, 0, SysRegTable::zero, SysRegTable::ignore, (c, read, insn) -> {
            if (c.state().el == 0 && !read) {
                throw org.emu4e.engine.cpu.a64.GuestException.undefined();
            }
        });
        b.razwi("PMINTENSET_EL1", 3, 0, 9, 14, 1, 1);
        b.razwi("PMINTENCLR_EL1", 3, 0, 9, 14, 2, 1);
        b.add("PMOVSSET_EL0", 3, 3, 9, 14, 3, 0, SysRegTable::zero, SysRegTable::ignore, pmuEl0);
        for (int n = 0; n < 31; n++) {
            int crm = 8 + (n >> 3);
            b.add("PMEVCNTR" + n + "_EL0", 3, 3, 14, crm, n & 7, 0, SysRegTable::zero, SysRegTable::ignore, pmuEl0);
            b.add("PMEVTYPER" + n + "_EL0", 3, 3, 14, crm + 4, n & 7, 0, SysRegTable::zero, SysRegTable::ignore, pmuEl0);
        }
        b.add("PMCCFILTR_EL0", 3, 3, 14, 15, 7, 0, SysRegTable::zero, SysRegTable::ignore, pmuEl0);
    }
}
