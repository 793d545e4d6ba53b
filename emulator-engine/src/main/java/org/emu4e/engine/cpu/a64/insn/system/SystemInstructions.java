package org.emu4e.engine.cpu.a64.insn.system;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.decode.Bits;

/**
 * SYS / SYSL (C6.2.349/350): dispatch by CRn to cache maintenance (C7, except C7 C8 = AT),
 * address translation and TLB maintenance (C8). Unknown operations are UNDEFINED; SYSL has
 * no allocated operation in ARMv8.0.
 */
final class SystemInstructions {
    private SystemInstructions() { }

    static void sys(A64Cpu cpu, int insn) {
        int op1 = Bits.u(insn, 16, 3);
        int crn = Bits.u(insn, 12, 4);
        int crm = Bits.u(insn, 8, 4);
        int op2 = Bits.u(insn, 5, 3);
        int rt = insn & 31;
        if (crn == 7 && crm == 8) {
            AddressTranslation.at(cpu, insn, op1, op2, rt);
        } else if (crn == 7) {
            CacheMaintenance.exec(cpu, insn, op1, crm, op2, rt);
        } else if (crn == 8) {
            TlbMaintenance.exec(cpu, op1, crm, op2, rt);
        } else {
            throw GuestException.undefined();
        }
    }

    static void sysl(A64Cpu cpu, int insn) {
        throw GuestException.undefined();
    }
}
