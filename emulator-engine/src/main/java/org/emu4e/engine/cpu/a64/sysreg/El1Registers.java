package org.emu4e.engine.cpu.a64.sysreg;

import org.emu4e.engine.cpu.a64.A64Cpu;

/**
 * EL1 (and EL0 thread-ID) control, memory-management and exception registers (ARM ARM D17.2),
 * plus the Cortex-A53 IMPLEMENTATION DEFINED registers firmware touches. Writes to registers
 * that change translation tell the MMU so its TLB never serves a stale regime.
 */
final class El1Registers {
    private El1Registers() { }

    static void register(SysRegTable.Builder b) {
        b.rw("SCTLR_EL1", 3, 0, 1, 0, 0, 1, c -> c.sys().sctlr[1], (c, v) -> {
            c.sys().sctlr[1] = (v & 0x0000_0000_FFFF_FFFFL) | SystemRegisters.SCTLR_EL1_RES1;
            c.mmu().registersChanged(1);
        });
        b.rw("ACTLR_EL1", 3, 0, 1, 0, 1, 1, c -> c.sys().actlr[1], (c, v) -> c.sys().actlr[1] = v);
        b.rw("CPACR_EL1", 3, 0, 1, 0, 2, 1, c -> c.sys().cpacrEl1, (c, v) -> c.sys().cpacrEl1 = v & (3L << 20 | 1L << 28));
        b.rw("TTBR0_EL1", 3, 0, 2, 0, 0, 1, c -> c.sys().ttbr0El1, (c, v) -> {
            c.sys().ttbr0El1 = v;
            c.mmu().ttbrChanged();
        });
        b.rw("TTBR1_EL1", 3, 0, 2, 0, 1, 1, c -> c.sys().ttbr1El1, (c, v) -> {
            c.sys().ttbr1El1 = v;
            c.mmu().ttbrChanged();
        });
        b.rw("TCR_EL1", 3, 0, 2, 0, 2, 1, c -> c.sys().tcrEl1, (c, v) -> {
            c.sys().tcrEl1 = v & 0x0000_007F_FFFF_FFBFL;
            c.mmu().registersChanged(1);
        });
        b.rw("AFSR0_EL1", 3, 0, 5, 1, 0, 1, c -> c.sys().afsr0[1], (c, v) -> c.sys().afsr0[1] = v);
        b.rw("AFSR1_EL1", 3, 0, 5, 1, 1, 1, c -> c.sys().afsr1[1], (c, v) -> c.sys().afsr1[1] = v);
        b.rw("ESR_EL1", 3, 0, 5, 2, 0, 1, c -> c.sys().esr[1], (c, v) -> c.sys().esr[1] = v & 0xFFFF_FFFFL);
        b.rw("FAR_EL1", 3, 0, 6, 0, 0, 1, c -> c.sys().far[1], (c, v) -> c.sys().far[1] = v);
        b.rw("PAR_EL1", 3, 0, 7, 4, 0, 1, c -> c.sys().parEl1, (c, v) -> c.sys().parEl1 = v);
        b.rw("MAIR_EL1", 3, 0, 10, 2, 0, 1, c -> c.sys().mairEl1, (c, v) -> {
            c.sys().mairEl1 = v;
            c.mmu().registersChanged(1);
        });
        b.rw("AMAIR_EL1", 3, 0, 10, 3, 0, 1, c -> c.sys().amair[1], (c, v) -> c.sys().amair[1] = v);
        b.rw("VBAR_EL1", 3, 0, 12, 0, 0, 1, c -> c.sys().vbar[1], (c, v) -> c.sys().vbar[1] = v & ~0x7FFL);
        b.add("RVBAR_EL1", 3, 0, 12, 0, 1, 1, SysRegTable::zero, null, (c, r, i) -> {
            if (c.env().highestEl() != 1) {
                throw org.emu4e.engine.cpu.a64.GuestException.undefined();
            }
        });
        b.ro("ISR_EL1", 3, 0, 12, 1, 0, 1, El1Registers::isr);
        b.rw("CONTEXTIDR_EL1", 3, 0, 13, 0, 1, 1, c -> c.sys().contextidrEl1, (c, v) -> c.sys().contextidrEl1 = v & 0xFFFF_FFFFL);
        b.rw("TPIDR_EL1", 3, 0, 13, 0, 4, 1, c -> c.sys().tpidr[1], (c, v) -> c.sys().tpidr[1] = v);
        b.rw("TPIDR_EL0", 3, 3, 13, 0, 2, 0, c -> c.sys().tpidr[0], (c, v) -> c.sys().tpidr[0] = v);
        b.add("TPIDRRO_EL0", 3, 3, 13, 0, 3, 0, c -> c.sys().tpidrroEl0, (c, v) -> c.sys().tpidrroEl0 = v, (c, read, i) -> {
            if (!read && c.state().el == 0) {
                throw org.emu4e.engine.cpu.a64.GuestException.undefined();
            }
        });
        // Cortex-A53 IMPLEMENTATION DEFINED (TRM 4.3): accepted so firmware runs; no effect.
        b.rw("CPUACTLR_EL1", 3, 1, 15, 2, 0, 1, SysRegTable::zero, SysRegTable::ignore);
        b.rw("CPUECTLR_EL1", 3, 1, 15, 2, 1, 1, c -> c.sys().cpuectlr, (c, v) -> c.sys().cpuectlr = v);
        b.razwi("CPUMERRSR_EL1", 3, 1, 15, 2, 2, 1);
        b.razwi("L2MERRSR_EL1", 3, 1, 15, 2, 3, 1);
        b.razwi("L2CTLR_EL1", 3, 1, 11, 0, 2, 1);
        b.razwi("L2ECTLR_EL1", 3, 1, 11, 0, 3, 1);
        b.razwi("L2ACTLR_EL1", 3, 1, 15, 0, 0, 1);
        b.raz("CBAR_EL1", 3, 1, 15, 3, 0, 1);
    }

    /** ISR_EL1 (D17.2.76): pending physical/virtual IRQ (I, bit 7), FIQ (F, bit 6), SError (A, bit 8). */
    private static long isr(A64Cpu cpu) {
        long v = 0;
        boolean virt = SysRegAccess.el2Enabled(cpu) && cpu.state().el <= 1;
        long hcr = cpu.sys().hcrEl2;
        if (virt && (hcr & SystemRegisters.HCR_IMO) != 0) {
            v |= (hcr & SystemRegisters.HCR_VI) != 0 ? 1L << 7 : 0;
        } else if (cpu.env().irqAsserted()) {
            v |= 1L << 7;
        }
        if (virt && (hcr & SystemRegisters.HCR_FMO) != 0) {
            v |= (hcr & SystemRegisters.HCR_VF) != 0 ? 1L << 6 : 0;
        } else if (cpu.env().fiqAsserted()) {
            v |= 1L << 6;
        }
        if (virt && (hcr & SystemRegisters.HCR_AMO) != 0 && (hcr & SystemRegisters.HCR_VSE) != 0) {
            v |= 1L << 8;
        }
        return v;
    }
}
