package org.emu4e.engine.cpu.a64.sysreg;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.GicCpuInterfaceAccess;
import org.emu4e.engine.cpu.a64.GicCpuInterfaceAccess.Reg;
import org.emu4e.engine.cpu.a64.GuestException;

/**
 * GICv3 CPU interface system registers (IHI 0069, "AArch64 System register descriptions of the
 * CPU interface"): storage and behaviour live in the board's GIC
 * ({@code cpu.env().gicCpuInterface()}); without one (GICv2 board) every ICC register is
 * UNDEFINED. EL2 virtualization (ICH_*, HCR_EL2.IMO/FMO redirection to ICV_*) is not modelled.
 */
final class GicRegisters {
    private GicRegisters() { }

    /** ICC_SRE_EL2/EL3: SRE, DFB, DIB and Enable fixed to 1 (system registers always on). */
    private static final long SRE_HIGHER = 0xF;

    static void register(SysRegTable.Builder b) {
        icc(b, "ICC_PMR_EL1", 4, 6, 0, Reg.PMR, true, true);
        icc(b, "ICC_IAR0_EL1", 12, 8, 0, Reg.IAR0, true, false);
        icc(b, "ICC_EOIR0_EL1", 12, 8, 1, Reg.EOIR0, false, true);
        icc(b, "ICC_HPPIR0_EL1", 12, 8, 2, Reg.HPPIR0, true, false);
        icc(b, "ICC_BPR0_EL1", 12, 8, 3, Reg.BPR0, true, true);
        icc(b, "ICC_AP0R0_EL1", 12, 8, 4, Reg.AP0R0, true, true);
        icc(b, "ICC_AP0R1_EL1", 12, 8, 5, Reg.AP0R1, true, true);
        icc(b, "ICC_AP0R2_EL1", 12, 8, 6, Reg.AP0R2, true, true);
        icc(b, "ICC_AP0R3_EL1", 12, 8, 7, Reg.AP0R3, true, true);
        icc(b, "ICC_AP1R0_EL1", 12, 9, 0, Reg.AP1R0, true, true);
        icc(b, "ICC_AP1R1_EL1", 12, 9, 1, Reg.AP1R1, true, true);
        icc(b, "ICC_AP1R2_EL1", 12, 9, 2, Reg.AP1R2, true, true);
        icc(b, "ICC_AP1R3_EL1", 12, 9, 3, Reg.AP1R3, true, true);
        icc(b, "ICC_DIR_EL1", 12, 11, 1, Reg.DIR, false, true);
        icc(b, "ICC_RPR_EL1", 12, 11, 3, Reg.RPR, true, false);
        icc(b, "ICC_SGI1R_EL1", 12, 11, 5, Reg.SGI1R, false, true);
        icc(b, "ICC_ASGI1R_EL1", 12, 11, 6, Reg.ASGI1R, false, true);
        icc(b, "ICC_SGI0R_EL1", 12, 11, 7, Reg.SGI0R, false, true);
        icc(b, "ICC_IAR1_EL1", 12, 12, 0, Reg.IAR1, true, false);
        icc(b, "ICC_EOIR1_EL1", 12, 12, 1, Reg.EOIR1, false, true);
        icc(b, "ICC_HPPIR1_EL1", 12, 12, 2, Reg.HPPIR1, true, false);
        icc(b, "ICC_BPR1_EL1", 12, 12, 3, Reg.BPR1, true, true);
        icc(b, "ICC_CTLR_EL1", 12, 12, 4, Reg.CTLR, true, true);
        icc(b, "ICC_SRE_EL1", 12, 12, 5, Reg.SRE, true, true);
        icc(b, "ICC_IGRPEN0_EL1", 12, 12, 6, Reg.IGRPEN0, true, true);
        icc(b, "ICC_IGRPEN1_EL1", 12, 12, 7, Reg.IGRPEN1, true, true);
        // Higher-EL views of the enables (exist only where the EL is implemented).
        b.add("ICC_SRE_EL2", 3, 4, 12, 9, 5, 2, c -> SRE_HIGHER, (c, v) -> gic(c), null);
        b.add("ICC_SRE_EL3", 3, 6, 12, 12, 5, 3, c -> SRE_HIGHER, (c, v) -> gic(c), null);
        b.add("ICC_CTLR_EL3", 3, 6, 12, 12, 4, 3, c -> gic(c).read(Reg.CTLR), (c, v) -> gic(c).write(Reg.CTLR, v), null);
        b.add("ICC_IGRPEN1_EL3", 3, 6, 12, 12, 7, 3, c -> gic(c).read(Reg.IGRPEN1),
                (c, v) -> gic(c).write(Reg.IGRPEN1, v), null);
    }

    private static void icc(SysRegTable.Builder b, String name, int crn, int crm, int op2, Reg reg, boolean readable,
            boolean writable) {
        SysReg.Reader r = readable ? c -> gic(c).read(reg) : null;
        SysReg.Writer w = writable ? (c, v) -> {
            gic(c).write(reg, v);
            c.recheckInterrupts = true; // PMR, EOI, enables... may expose a pending interrupt
        } : null;
        b.add(name, 3, 0, crn, crm, op2, 1, r, w, (c, read, insn) -> gic(c));
    }

    /** The PE's GICv3 CPU interface; UNDEFINED when the board has none (ID_AA64PFR0_EL1.GIC = 0). */
    static GicCpuInterfaceAccess gic(A64Cpu cpu) {
        GicCpuInterfaceAccess g = cpu.env().gicCpuInterface();
        if (g == null) {
            throw GuestException.undefined();
        }
        return g;
    }
}
