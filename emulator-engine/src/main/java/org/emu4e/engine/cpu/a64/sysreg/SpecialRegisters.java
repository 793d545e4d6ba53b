package org.emu4e.engine.cpu.a64.sysreg;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.GuestException;

/**
 * Special-purpose registers (ARM ARM C5.2 "Special-purpose registers"): PSTATE fields, the
 * banked stack pointers, ELR/SPSR of each EL, FPCR/FPSR.
 */
final class SpecialRegisters {
    private SpecialRegisters() { }

    /** SPSR bits that exist in ARMv8.0 AArch64 state: NZCV, SS, IL, DAIF, M[4:0]. */
    static final long SPSR_MASK = 0xF030_03DFL;

    static void register(SysRegTable.Builder b) {
        b.rw("NZCV", 3, 3, 4, 2, 0, 0, c -> (long) c.state().nzcv << 28, (c, v) -> c.state().nzcv = (int) (v >>> 28) & 0xF);
        b.add("DAIF", 3, 3, 4, 2, 1, 0, c -> (long) c.state().daif << 6, SpecialRegisters::writeDaif,
                SysRegAccess.el0If(SystemRegisters.SCTLR_UMA));
        b.ro("CurrentEL", 3, 0, 4, 2, 2, 1, c -> (long) c.state().el << 2);
        b.rw("SPSel", 3, 0, 4, 2, 0, 1, c -> c.state().spsel, (c, v) -> c.state().spsel = (int) v & 1);
        b.add("SP_EL0", 3, 0, 4, 1, 0, 1, c -> c.state().sp[0], (c, v) -> c.state().sp[0] = v, SpecialRegisters::notWhileSp0);
        b.rw("SP_EL1", 3, 4, 4, 1, 0, 2, c -> c.state().sp[1], (c, v) -> c.state().sp[1] = v);
        b.rw("SP_EL2", 3, 6, 4, 1, 0, 3, c -> c.state().sp[2], (c, v) -> c.state().sp[2] = v);
        b.rw("SPSR_EL1", 3, 0, 4, 0, 0, 1, c -> c.sys().spsr[1], (c, v) -> c.sys().spsr[1] = v & SPSR_MASK);
        b.rw("ELR_EL1", 3, 0, 4, 0, 1, 1, c -> c.sys().elr[1], (c, v) -> c.sys().elr[1] = v);
        b.rw("SPSR_EL2", 3, 4, 4, 0, 0, 2, c -> c.sys().spsr[2], (c, v) -> c.sys().spsr[2] = v & SPSR_MASK);
        b.rw("ELR_EL2", 3, 4, 4, 0, 1, 2, c -> c.sys().elr[2], (c, v) -> c.sys().elr[2] = v);
        b.rw("SPSR_EL3", 3, 6, 4, 0, 0, 3, c -> c.sys().spsr[3], (c, v) -> c.sys().spsr[3] = v & SPSR_MASK);
        b.rw("ELR_EL3", 3, 6, 4, 0, 1, 3, c -> c.sys().elr[3], (c, v) -> c.sys().elr[3] = v);
        // AArch32 banked SPSRs: RES0 when EL1 can't use AArch32 (Cortex-A53 could; we don't model it).
        b.razwi("SPSR_irq", 3, 4, 4, 3, 0, 2);
        b.razwi("SPSR_abt", 3, 4, 4, 3, 1, 2);
        b.razwi("SPSR_und", 3, 4, 4, 3, 2, 2);
        b.razwi("SPSR_fiq", 3, 4, 4, 3, 3, 2);
        b.add("FPCR", 3, 3, 4, 4, 0, 0, c -> c.state().fpcr & 0xFFFF_FFFFL, (c, v) -> c.state().fpcr = (int) v & 0x07C0_0000,
                (c, r, i) -> FpTrap.check(c));
        b.add("FPSR", 3, 3, 4, 4, 1, 0, c -> c.state().fpsr & 0xFFFF_FFFFL, (c, v) -> c.state().fpsr = (int) v & 0xF800_009F,
                (c, r, i) -> FpTrap.check(c));
    }

    private static void writeDaif(A64Cpu cpu, long v) {
        cpu.state().daif = (int) (v >>> 6) & 0xF;
        cpu.recheckInterrupts = true;
    }

    /** MRS/MSR SP_EL0 is UNDEFINED while PSTATE.SP selects SP_EL0 (C5.2.16). */
    private static void notWhileSp0(A64Cpu cpu, boolean read, int insn) {
        if (cpu.state().spsel == 0) {
            throw GuestException.undefined();
        }
    }
}
