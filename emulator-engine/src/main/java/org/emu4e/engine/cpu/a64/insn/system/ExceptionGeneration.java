package org.emu4e.engine.cpu.a64.insn.system;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.decode.Bits;
import org.emu4e.engine.cpu.a64.sysreg.SysRegAccess;
import org.emu4e.engine.cpu.a64.sysreg.SystemRegisters;

/**
 * Exception-generating instructions (ARM ARM C4.1.66 "Exception generation"): SVC, HVC, SMC,
 * BRK, HLT, DCPS1-3. HVC/SMC first offer the call to the board's firmware (PSCI); if it
 * doesn't handle it, they trap to EL2/EL3 when the guest implements that EL, else UNDEFINED.
 */
final class ExceptionGeneration {
    private ExceptionGeneration() { }

    /** C6.2.336 SVC: EC 0x15 to EL1 (EL2 from EL0 with TGE), preferred return = next instruction. */
    static void svc(A64Cpu cpu, int insn) {
        throw new GuestException(GuestException.EC_SVC64, Bits.u(insn, 5, 16), 0, false, -1, true);
    }

    /** C6.2.93 HVC. */
    static void hvc(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        int imm = Bits.u(insn, 5, 16);
        if (s.el == 0) {
            throw GuestException.undefined();
        }
        if (cpu.env().firmwareCall(cpu, false, imm)) {
            return;
        }
        boolean enabled = SysRegAccess.el2Enabled(cpu)
                && (cpu.env().highestEl() < 3 || (cpu.sys().scrEl3 & SystemRegisters.SCR_HCE) != 0);
        if (!enabled) {
            throw GuestException.undefined();
        }
        throw new GuestException(GuestException.EC_HVC64, imm, 0, false, Math.max(2, s.el), true);
    }

    /** C6.2.245 SMC: HCR_EL2.TSC traps it from EL1 to EL2 (return address = the SMC itself). */
    static void smc(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        int imm = Bits.u(insn, 5, 16);
        if (s.el == 0) {
            throw GuestException.undefined();
        }
        if (s.el == 1 && SysRegAccess.el2Enabled(cpu) && (cpu.sys().hcrEl2 & SystemRegisters.HCR_TSC) != 0) {
            throw new GuestException(GuestException.EC_SMC64, imm, 0, false, 2, false);
        }
        if (cpu.env().firmwareCall(cpu, true, imm)) {
            return;
        }
        if (cpu.env().highestEl() < 3 || (cpu.sys().scrEl3 & SystemRegisters.SCR_SMD) != 0) {
            throw GuestException.undefined();
        }
        throw new GuestException(GuestException.EC_SMC64, imm, 0, false, 3, true);
    }

    /** C6.2.38 BRK: EC 0x3C, ISS = imm16, return address = the BRK. */
    static void brk(A64Cpu cpu, int insn) {
        throw new GuestException(GuestException.EC_BRK64, Bits.u(insn, 5, 16), 0, false, -1, false);
    }

    /** C6.2.92 HLT: halting debug is not enabled, so UNDEFINED. */
    static void hlt(A64Cpu cpu, int insn) {
        throw GuestException.undefined();
    }

    /** DCPSn / DRPS: UNDEFINED in Non-debug state. */
    static void dcps(A64Cpu cpu, int insn) {
        throw GuestException.undefined();
    }
}
