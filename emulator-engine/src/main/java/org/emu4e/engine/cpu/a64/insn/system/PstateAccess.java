package org.emu4e.engine.cpu.a64.insn.system;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.decode.Bits;
import org.emu4e.engine.cpu.a64.sysreg.SysRegAccess;
import org.emu4e.engine.cpu.a64.sysreg.SystemRegisters;

/**
 * MSR (immediate) to PSTATE fields (C6.2.199): SPSel, DAIFSet, DAIFClr. PAN and UAO
 * (ARMv8.1/8.2) and other op1:op2 values are unallocated in ARMv8.0: UNDEFINED.
 */
final class PstateAccess {
    private PstateAccess() { }

    static void msrImm(A64Cpu cpu, int insn) {
        int op1 = Bits.u(insn, 16, 3);
        int op2 = Bits.u(insn, 5, 3);
        int crm = Bits.u(insn, 8, 4);
        CpuState s = cpu.state();
        int field = (op1 << 3) | op2;
        switch (field) {
            case 0b000_101 -> { // SPSel
                if (s.el == 0) {
                    throw GuestException.undefined();
                }
                s.spsel = crm & 1;
            }
            case 0b011_110 -> { // DAIFSet
                daifAtEl0(cpu, insn);
                s.daif |= crm;
            }
            case 0b011_111 -> { // DAIFClr
                daifAtEl0(cpu, insn);
                s.daif &= ~crm;
                cpu.recheckInterrupts = true;
            }
            default -> throw GuestException.undefined();
        }
    }

    /** EL0 may change DAIF only with SCTLR_EL1.UMA; otherwise the MSR traps as EC 0x18. */
    private static void daifAtEl0(A64Cpu cpu, int insn) {
        if (cpu.state().el == 0 && (cpu.sys().sctlr[1] & SystemRegisters.SCTLR_UMA) == 0) {
            throw SysRegAccess.trap(insn, SysRegAccess.tge(cpu) ? 2 : 1);
        }
    }
}
