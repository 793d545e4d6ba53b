package org.emu4e.engine.cpu.a64.sysreg;

/**
 * EL2 and EL3 registers (ARM ARM D17.2): hypervisor and secure-monitor configuration,
 * their translation regimes and exception syndrome registers. They exist only when the board
 * implements that EL (the row's minimum EL doubles as "EL must be implemented").
 * Stage 2 translation (VTTBR/VTCR with HCR_EL2.VM) is stored but not applied.
 */
final class El2El3Registers {
    private El2El3Registers() { }

    static void register(SysRegTable.Builder b) {
        b.rw("VPIDR_EL2", 3, 4, 0, 0, 0, 2, c -> c.sys().vpidrEl2, (c, v) -> c.sys().vpidrEl2 = v & 0xFFFF_FFFFL);
        b.rw("VMPIDR_EL2", 3, 4, 0, 0, 5, 2, c -> c.sys().vmpidrEl2, (c, v) -> c.sys().vmpidrEl2 = v);
        b.rw("SCTLR_EL2", 3, 4, 1, 0, 0, 2, c -> c.sys().sctlr[2], (c, v) -> {
            c.sys().sctlr[2] = (v & 0xFFFF_FFFFL) | SystemRegisters.SCTLR_EL23_RES1;
            c.mmu().registersChanged(2);
        });
        b.rw("ACTLR_EL2", 3, 4, 1, 0, 1, 2, c -> c.sys().actlr[2], (c, v) -> c.sys().actlr[2] = v);
        b.rw("HCR_EL2", 3, 4, 1, 1, 0, 2, c -> c.sys().hcrEl2, (c, v) -> {
            c.sys().hcrEl2 = v & 0x3_FFFF_FFFFL;
            c.mmu().registersChanged(1);
            c.recheckInterrupts = true;
        });
        b.rw("MDCR_EL2", 3, 4, 1, 1, 1, 2, c -> c.sys().mdcrEl2, (c, v) -> c.sys().mdcrEl2 = v);
        b.rw("CPTR_EL2", 3, 4, 1, 1, 2, 2, c -> c.sys().cptrEl2, (c, v) -> c.sys().cptrEl2 = (v & 0x8000_0400L) | 0x33FF);
        b.rw("HSTR_EL2", 3, 4, 1, 1, 3, 2, c -> c.sys().hstrEl2, (c, v) -> c.sys().hstrEl2 = v);
        b.razwi("HACR_EL2", 3, 4, 1, 1, 7, 2);
        b.rw("TTBR0_EL2", 3, 4, 2, 0, 0, 2, c -> c.sys().ttbr0El2, (c, v) -> {
            c.sys().ttbr0El2 = v;
            c.mmu().registersChanged(2);
        });
        b.rw("TCR_EL2", 3, 4, 2, 0, 2, 2, c -> c.sys().tcrEl2, (c, v) -> {
            c.sys().tcrEl2 = (v & 0x0017_FFBFL) | 0x8080_0000L;
            c.mmu().registersChanged(2);
        });
        b.rw("VTTBR_EL2", 3, 4, 2, 1, 0, 2, c -> c.sys().vttbrEl2, (c, v) -> c.sys().vttbrEl2 = v);
        b.rw("VTCR_EL2", 3, 4, 2, 1, 2, 2, c -> c.sys().vtcrEl2, (c, v) -> c.sys().vtcrEl2 = v);
        b.razwi("DACR32_EL2", 3, 4, 3, 0, 0, 2);
        b.rw("AFSR0_EL2", 3, 4, 5, 1, 0, 2, c -> c.sys().afsr0[2], (c, v) -> c.sys().afsr0[2] = v);
        b.rw("AFSR1_EL2", 3, 4, 5, 1, 1, 2, c -> c.sys().afsr1[2], (c, v) -> c.sys().afsr1[2] = v);
        b.rw("ESR_EL2", 3, 4, 5, 2, 0, 2, c -> c.sys().esr[2], (c, v) -> c.sys().esr[2] = v & 0xFFFF_FFFFL);
        b.razwi("IFSR32_EL2", 3, 4, 5, 0, 1, 2);
        b.rw("FAR_EL2", 3, 4, 6, 0, 0, 2, c -> c.sys().far[2], (c, v) -> c.sys().far[2] = v);
        b.rw("HPFAR_EL2", 3, 4, 6, 0, 4, 2, c -> c.sys().hpfarEl2, (c, v) -> c.sys().hpfarEl2 = v);
        b.rw("MAIR_EL2", 3, 4, 10, 2, 0, 2, c -> c.sys().mairEl2, (c, v) -> {
            c.sys().mairEl2 = v;
            c.mmu().registersChanged(2);
        });
        b.rw("AMAIR_EL2", 3, 4, 10, 3, 0, 2, c -> c.sys().amair[2], (c, v) -> c.sys().amair[2] = v);
        b.rw("VBAR_EL2", 3, 4, 12, 0, 0, 2, c -> c.sys().vbar[2], (c, v) -> c.sys().vbar[2] = v & ~0x7FFL);
        b.add("RVBAR_EL2", 3, 4, 12, 0, 1, 2, SysRegTable::zero, null, (c, r, i) -> {
            if (c.env().highestEl() != 2) {
                throw org.emu4e.engine.cpu.a64.GuestException.undefined();
            }
        });
        b.rw("TPIDR_EL2", 3, 4, 13, 0, 2, 2, c -> c.sys().tpidr[2], (c, v) -> c.sys().tpidr[2] = v);

        b.rw("SCTLR_EL3", 3, 6, 1, 0, 0, 3, c -> c.sys().sctlr[3], (c, v) -> {
            c.sys().sctlr[3] = (v & 0xFFFF_FFFFL) | SystemRegisters.SCTLR_EL23_RES1;
            c.mmu().registersChanged(3);
        });
        b.rw("ACTLR_EL3", 3, 6, 1, 0, 1, 3, c -> c.sys().actlr[3], (c, v) -> c.sys().actlr[3] = v);
        b.rw("SCR_EL3", 3, 6, 1, 1, 0, 3, c -> c.sys().scrEl3, (c, v) -> {
            c.sys().scrEl3 = v & 0x3FFFL | 0x30L;
            c.mmu().registersChanged(1);
            c.recheckInterrupts = true;
        });
        b.razwi("SDER32_EL3", 3, 6, 1, 1, 1, 3);
        b.rw("CPTR_EL3", 3, 6, 1, 1, 2, 3, c -> c.sys().cptrEl3, (c, v) -> c.sys().cptrEl3 = v & 0x8010_0400L);
        b.rw("MDCR_EL3", 3, 6, 1, 3, 1, 3, c -> c.sys().mdcrEl3, (c, v) -> c.sys().mdcrEl3 = v);
        b.rw("TTBR0_EL3", 3, 6, 2, 0, 0, 3, c -> c.sys().ttbr0El3, (c, v) -> {
            c.sys().ttbr0El3 = v;
            c.mmu().registersChanged(3);
        });
        b.rw("TCR_EL3", 3, 6, 2, 0, 2, 3, c -> c.sys().tcrEl3, (c, v) -> {
            c.sys().tcrEl3 = (v & 0x0017_FFBFL) | 0x8080_0000L;
            c.mmu().registersChanged(3);
        });
        b.rw("AFSR0_EL3", 3, 6, 5, 1, 0, 3, c -> c.sys().afsr0[3], (c, v) -> c.sys().afsr0[3] = v);
        b.rw("AFSR1_EL3", 3, 6, 5, 1, 1, 3, c -> c.sys().afsr1[3], (c, v) -> c.sys().afsr1[3] = v);
        b.rw("ESR_EL3", 3, 6, 5, 2, 0, 3, c -> c.sys().esr[3], (c, v) -> c.sys().esr[3] = v & 0xFFFF_FFFFL);
        b.rw("FAR_EL3", 3, 6, 6, 0, 0, 3, c -> c.sys().far[3], (c, v) -> c.sys().far[3] = v);
        b.rw("MAIR_EL3", 3, 6, 10, 2, 0, 3, c -> c.sys().mairEl3, (c, v) -> {
            c.sys().mairEl3 = v;
            c.mmu().registersChanged(3);
        });
        b.rw("AMAIR_EL3", 3, 6, 10, 3, 0, 3, c -> c.sys().amair[3], (c, v) -> c.sys().amair[3] = v);
        b.rw("VBAR_EL3", 3, 6, 12, 0, 0, 3, c -> c.sys().vbar[3], (c, v) -> c.sys().vbar[3] = v & ~0x7FFL);
        b.ro("RVBAR_EL3", 3, 6, 12, 0, 1, 3, SysRegTable::zero);
        b.razwi("RMR_EL3", 3, 6, 12, 0, 2, 3);
        b.rw("TPIDR_EL3", 3, 6, 13, 0, 2, 3, c -> c.sys().tpidr[3], (c, v) -> c.sys().tpidr[3] = v);
    }
}
