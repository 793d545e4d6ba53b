package org.emu4e.engine.cpu.a64.sysreg;

import org.emu4e.engine.cpu.a64.A64Cpu;

/**
 * Identification registers (ARM ARM D17.2, "Identification registers"), with Cortex-A53
 * values (Cortex-A53 TRM 4.3) adjusted to what this emulator implements: AArch64 only at
 * every EL, EL2/EL3 fields from the board's {@code highestEl()}, no big-endian, the 16K
 * granule supported.
 */
final class IdRegisters {
    private IdRegisters() { }

    static final long CTR_EL0 = 0x8444_8004L;
    /** DCZID_EL0.BS = 4: DC ZVA zeroes 2^4 words = 64 bytes. */
    static final long DCZID_BS = 4;
    static final long CLIDR = 0x0A20_0023L;
    static final long[] CCSIDR = {0x700F_E01AL, 0x201F_E00AL, 0x707F_E07AL, 0x201F_E00AL};
    static final long ID_AA64DFR0 = 0x1030_5106L;
    static final long ID_AA64ISAR0 = 0x0001_1120L;
    /** PARange 40 bits, 16-bit ASIDs, mixed-endian not supported, 4K/16K/64K granules. */
    static final long ID_AA64MMFR0 = 0x0010_1022L;

    static void register(SysRegTable.Builder b) {
        b.ro("MIDR_EL1", 3, 0, 0, 0, 0, 1, IdRegisters::midr);
        b.ro("MPIDR_EL1", 3, 0, 0, 0, 5, 1, IdRegisters::mpidr);
        b.ro("REVIDR_EL1", 3, 0, 0, 0, 6, 1, SysRegTable::zero);
        b.ro("ID_AA64PFR0_EL1", 3, 0, 0, 4, 0, 1, IdRegisters::pfr0);
        b.ro("ID_AA64PFR1_EL1", 3, 0, 0, 4, 1, 1, SysRegTable::zero);
        b.ro("ID_AA64DFR0_EL1", 3, 0, 0, 5, 0, 1, c -> ID_AA64DFR0);
        b.ro("ID_AA64DFR1_EL1", 3, 0, 0, 5, 1, 1, SysRegTable::zero);
        b.ro("ID_AA64AFR0_EL1", 3, 0, 0, 5, 4, 1, SysRegTable::zero);
        b.ro("ID_AA64AFR1_EL1", 3, 0, 0, 5, 5, 1, SysRegTable::zero);
        b.ro("ID_AA64ISAR0_EL1", 3, 0, 0, 6, 0, 1, c -> ID_AA64ISAR0);
        b.ro("ID_AA64ISAR1_EL1", 3, 0, 0, 6, 1, 1, SysRegTable::zero);
        b.ro("ID_AA64MMFR0_EL1", 3, 0, 0, 7, 0, 1, c -> ID_AA64MMFR0);
        b.ro("ID_AA64MMFR1_EL1", 3, 0, 0, 7, 1, 1, SysRegTable::zero);
        b.ro("ID_AA64MMFR2_EL1", 3, 0, 0, 7, 2, 1, SysRegTable::zero);
        // AArch32 feature registers (CRm 1..3): zero since no EL runs AArch32 here. Every other
        // encoding of op0=3, op1=0, CRn=0, CRm=1..7 is a reserved ID register that reads as zero
        // (D17.2 "Reserved encodings in the ID register space").
        String[] aarch32 = {"ID_PFR0_EL1", "ID_PFR1_EL1", "ID_DFR0_EL1", "ID_AFR0_EL1", "ID_MMFR0_EL1", "ID_MMFR1_EL1",
            "ID_MMFR2_EL1", "ID_MMFR3_EL1", "ID_ISAR0_EL1", "ID_ISAR1_EL1", "ID_ISAR2_EL1", "ID_ISAR3_EL1",
            "ID_ISAR4_EL1", "ID_ISAR5_EL1", "ID_MMFR4_EL1", null, "MVFR0_EL1", "MVFR1_EL1", "MVFR2_EL1"};
        for (int crm = 1; crm <= 7; crm++) {
            for (int op2 = 0; op2 < 8; op2++) {
                if (SysRegTable.lookup(SysReg.key(3, 0, 0, crm, op2)) != null) {
                    continue;
                }
                int i = (crm - 1) * 8 + op2;
                String name = i < aarch32.length && aarch32[i] != null ? aarch32[i] : "ID_RES_C" + crm + "_" + op2;
                b.raz(name, 3, 0, 0, crm, op2, 1);
            }
        }
        b.add("CTR_EL0", 3, 3, 0, 0, 1, 0, c -> CTR_EL0, null, SysRegAccess.el0If(SystemRegisters.SCTLR_UCT));
        b.ro("DCZID_EL0", 3, 3, 0, 0, 7, 0, c -> DCZID_BS | (zvaProhibited(c) ? 1L << 4 : 0));
        b.ro("CLIDR_EL1", 3, 1, 0, 0, 1, 1, c -> CLIDR);
        b.ro("CCSIDR_EL1", 3, 1, 0, 0, 0, 1, c -> CCSIDR[(int) c.sys().csselrEl1 & 3]);
        b.rw("CSSELR_EL1", 3, 2, 0, 0, 0, 1, c -> c.sys().csselrEl1, (c, v) -> c.sys().csselrEl1 = v & (v <= 2 ? 0xF : 0));
        b.ro("AIDR_EL1", 3, 1, 0, 0, 7, 1, SysRegTable::zero);
    }

    /** DC ZVA is prohibited at EL0 unless SCTLR_EL1.DZE is set. */
    static boolean zvaProhibited(A64Cpu cpu) {
        return cpu.state().el == 0 && (cpu.sys().sctlr[1] & SystemRegisters.SCTLR_DZE) == 0;
    }

    /** Non-secure EL1 reads of MIDR/MPIDR return VPIDR_EL2/VMPIDR_EL2 when EL2 exists (D17.2.97). */
    private static long midr(A64Cpu cpu) {
        return cpu.state().el == 1 && SysRegAccess.el2Enabled(cpu) ? cpu.sys().vpidrEl2 : cpu.sys().midr;
    }

    private static long mpidr(A64Cpu cpu) {
        long v = cpu.state().el == 1 && SysRegAccess.el2Enabled(cpu) ? cpu.sys().vmpidrEl2 : cpu.sys().mpidr;
        return v | 0x8000_0000L;
    }

    /**
     * ID_AA64PFR0_EL1: EL0..EL3 fields = 1 (AArch64 only) for the ELs present; FP and AdvSIMD
     * implemented; GIC [27:24] = 1 when the GICv3 system-register CPU interface exists.
     */
    private static long pfr0(A64Cpu cpu) {
        int hi = cpu.env().highestEl();
        long gic = cpu.env().gicCpuInterface() != null ? 1L << 24 : 0;
        return 0x11L | (hi >= 2 ? 0x100L : 0) | (hi >= 3 ? 0x1000L : 0) | gic;
    }
}
