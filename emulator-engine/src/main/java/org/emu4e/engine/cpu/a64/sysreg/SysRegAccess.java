package org.emu4e.engine.cpu.a64.sysreg;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;

/**
 * MRS/MSR (register) execution against {@link SysRegTable} (ARM ARM C5.2/C5.3): unknown
 * encodings and accesses from an EL below the register's are UNDEFINED; registers of an EL
 * this PE doesn't implement don't exist.
 */
public final class SysRegAccess {
    private SysRegAccess() { }

    /** MRS Xt, (systemreg). */
    public static void mrs(A64Cpu cpu, int insn) {
        SysReg r = find(cpu, insn);
        if (r.reader() == null) {
            throw GuestException.undefined();
        }
        if (r.check() != null) {
            r.check().check(cpu, true, insn);
        }
        cpu.state().setX(insn & 31, r.reader().read(cpu));
    }

    /** MSR (systemreg), Xt. */
    public static void msr(A64Cpu cpu, int insn) {
        SysReg r = find(cpu, insn);
        if (r.writer() == null) {
            throw GuestException.undefined();
        }
        if (r.check() != null) {
            r.check().check(cpu, false, insn);
        }
        r.writer().write(cpu, cpu.state().x(insn & 31));
    }

    private static SysReg find(A64Cpu cpu, int insn) {
        SysReg r = SysRegTable.lookup((insn >>> 5) & 0xFFFF);
        CpuState s = cpu.state();
        if (r == null || s.el < r.minEl() || cpu.env().highestEl() < r.minEl()) {
            throw GuestException.undefined();
        }
        return r;
    }

    /** Exception class 0x18: a trapped MSR/MRS (ISS layout D17.2.37, "ISS encoding for EC 0x18"). */
    public static GuestException trap(int insn, int targetEl) {
        int op0 = (insn >>> 19) & 3;
        int op1 = (insn >>> 16) & 7;
        int crn = (insn >>> 12) & 15;
        int crm = (insn >>> 8) & 15;
        int op2 = (insn >>> 5) & 7;
        int rt = insn & 31;
        int read = (insn >>> 21) & 1;
        int iss = (op0 << 20) | (op2 << 17) | (op1 << 14) | (crn << 10) | (rt << 5) | (crm << 1) | read;
        return new GuestException(GuestException.EC_SYSREG, iss, 0, false, targetEl, false);
    }

    /** True if EL2 is implemented and enabled in the current security state (no Secure EL2 in v8.0). */
    public static boolean el2Enabled(A64Cpu cpu) {
        int hi = cpu.env().highestEl();
        return hi >= 2 && (hi < 3 || (cpu.sys().scrEl3 & SystemRegisters.SCR_NS) != 0);
    }

    /** True if HCR_EL2.TGE routes EL0 exceptions to EL2 right now. */
    public static boolean tge(A64Cpu cpu) {
        return el2Enabled(cpu) && (cpu.sys().hcrEl2 & SystemRegisters.HCR_TGE) != 0;
    }

    /** Check for an EL0-accessible register gated by an SCTLR_EL1 bit: trap to EL1 (or EL2 with TGE). */
    public static SysReg.Check el0If(long sctlrBit) {
        return (cpu, read, insn) -> {
            if (cpu.state().el == 0 && (cpu.sys().sctlr[1] & sctlrBit) == 0) {
                throw trap(insn, tge(cpu) ? 2 : 1);
            }
        };
    }
}
