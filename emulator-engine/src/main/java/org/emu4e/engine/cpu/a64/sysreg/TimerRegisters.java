package org.emu4e.engine.cpu.a64.sysreg;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.GenericTimerAccess.Reg;

/**
 * Generic Timer registers (ARM ARM D11, D17.7): storage and behaviour live in the board's
 * timer ({@code cpu.env().timer()}); this file adds the EL0 access controls of CNTKCTL_EL1
 * and the EL1 physical-timer traps of CNTHCTL_EL2 (both trap as EC 0x18).
 */
final class TimerRegisters {
    private TimerRegisters() { }

    // CNTKCTL_EL1 bits.
    private static final long EL0PCTEN = 1;
    private static final long EL0VCTEN = 1 << 1;
    private static final long EL0VTEN = 1 << 8;
    private static final long EL0PTEN = 1 << 9;

    static void register(SysRegTable.Builder b) {
        b.add("CNTFRQ_EL0", 3, 3, 14, 0, 0, 0, c -> c.env().timer().read(Reg.CNTFRQ), TimerRegisters::writeFrq,
                el0(EL0PCTEN | EL0VCTEN, false));
        b.add("CNTPCT_EL0", 3, 3, 14, 0, 1, 0, c -> c.env().timer().read(Reg.CNTPCT), null, el0(EL0PCTEN, true));
        b.add("CNTVCT_EL0", 3, 3, 14, 0, 2, 0, c -> c.env().timer().read(Reg.CNTVCT), null, el0(EL0VCTEN, false));
        timer(b, "CNTP_TVAL_EL0", 3, 14, 2, 0, 0, Reg.CNTP_TVAL, el0(EL0PTEN, true));
        timer(b, "CNTP_CTL_EL0", 3, 14, 2, 1, 0, Reg.CNTP_CTL, el0(EL0PTEN, true));
        timer(b, "CNTP_CVAL_EL0", 3, 14, 2, 2, 0, Reg.CNTP_CVAL, el0(EL0PTEN, true));
        timer(b, "CNTV_TVAL_EL0", 3, 14, 3, 0, 0, Reg.CNTV_TVAL, el0(EL0VTEN, false));
        timer(b, "CNTV_CTL_EL0", 3, 14, 3, 1, 0, Reg.CNTV_CTL, el0(EL0VTEN, false));
        timer(b, "CNTV_CVAL_EL0", 3, 14, 3, 2, 0, Reg.CNTV_CVAL, el0(EL0VTEN, false));
        timer(b, "CNTKCTL_EL1", 0, 14, 1, 0, 1, Reg.CNTKCTL, null);
        timer(b, "CNTHCTL_EL2", 4, 14, 1, 0, 2, Reg.CNTHCTL, null);
        timer(b, "CNTVOFF_EL2", 4, 14, 0, 3, 2, Reg.CNTVOFF, null);
        timer(b, "CNTHP_TVAL_EL2", 4, 14, 2, 0, 2, Reg.CNTHP_TVAL, null);
        timer(b, "CNTHP_CTL_EL2", 4, 14, 2, 1, 2, Reg.CNTHP_CTL, null);
        timer(b, "CNTHP_CVAL_EL2", 4, 14, 2, 2, 2, Reg.CNTHP_CVAL, null);
        // Secure physical timer: not wired to an interrupt on this board.
        b.razwi("CNTPS_TVAL_EL1", 3, 7, 14, 2, 0, 1);
        b.razwi("CNTPS_CTL_EL1", 3, 7, 14, 2, 1, 1);
        b.razwi("CNTPS_CVAL_EL1", 3, 7, 14, 2, 2, 1);
    }

    private static void timer(SysRegTable.Builder b, String name, int op1, int crn, int crm, int op2, int minEl, Reg reg,
            org.emu4e.engine.cpu.a64.sysreg.SysReg.Check check) {
        b.add(name, 3, op1, crn, crm, op2, minEl, c -> c.env().timer().read(reg), (c, v) -> c.env().timer().write(reg, v), check);
    }

    /** CNTFRQ_EL0 is writable only at the highest implemented EL (D17.7.1). */
    private static void writeFrq(A64Cpu cpu, long v) {
        if (cpu.state().el != cpu.env().highestEl()) {
            throw org.emu4e.engine.cpu.a64.GuestException.undefined();
        }
        cpu.env().timer().write(Reg.CNTFRQ, v & 0xFFFF_FFFFL);
    }

    /**
     * EL0 access gated by CNTKCTL_EL1 {@code bits} (any set bit allows); for physical counter
     * and timer registers also CNTHCTL_EL2.EL1PCTEN/EL1PCEN at EL0/EL1 when EL2 is enabled.
     */
    private static org.emu4e.engine.cpu.a64.sysreg.SysReg.Check el0(long bits, boolean physical) {
        return (cpu, read, insn) -> {
            int el = cpu.state().el;
            if (el == 0 && (cpu.env().timer().read(Reg.CNTKCTL) & bits) == 0) {
                throw SysRegAccess.trap(insn, SysRegAccess.tge(cpu) ? 2 : 1);
            }
            if (physical && el <= 1 && SysRegAccess.el2Enabled(cpu) && !SysRegAccess.tge(cpu)) {
                long hctl = cpu.env().timer().read(Reg.CNTHCTL);
                long need = (bits == EL0PCTEN) ? 1 : 2;
                if ((hctl & need) == 0) {
                    throw SysRegAccess.trap(insn, 2);
                }
            }
        };
    }
}
