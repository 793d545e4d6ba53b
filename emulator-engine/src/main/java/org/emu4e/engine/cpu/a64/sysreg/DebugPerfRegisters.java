package org.emu4e.engine.cpu.a64.sysreg;

/**
 * Performance-monitor registers (ARM ARM D7, D17.5; the debug registers are
 * {@link DebugRegisters}). The PMU has no counters (PMCR_EL0.N
 * reads 0); EL0 access traps unless PMUSERENR_EL0.EN, which reads as 0.
 */
final class DebugPerfRegisters {
    private DebugPerfRegisters() { }

    static void register(SysRegTable.Builder b) {
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
