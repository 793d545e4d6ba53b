package org.emu4e.engine.cpu.a64.insn.system;

import java.lang.invoke.VarHandle;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuExit;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.decode.Bits;
import org.emu4e.engine.cpu.a64.sysreg.SysRegAccess;
import org.emu4e.engine.cpu.a64.sysreg.SystemRegisters;

/** Hints (C6.2.91 HINT) and barriers (C4.1.66 "Barriers"). */
final class Hints {
    private static final int NOP = 0;
    private static final int YIELD = 1;
    private static final int WFE = 2;
    private static final int WFI = 3;
    private static final int SEV = 4;
    private static final int SEVL = 5;

    private Hints() { }

    /** HINT #imm: CRm:op2. Unallocated hints (and later ones: ESB, CSDB, BTI, ...) execute as NOP. */
    static void hint(A64Cpu cpu, int insn) {
        switch (Bits.u(insn, 5, 7)) {
            case WFE -> {
                checkWfxTrap(cpu, true);
                if (cpu.eventRegister) {
                    cpu.eventRegister = false;
                } else {
                    cpu.pendingExit = CpuExit.WFE;
                }
            }
            case WFI -> {
                checkWfxTrap(cpu, false);
                cpu.pendingExit = CpuExit.WFI;
            }
            case SEV -> cpu.env().sendEvent();
            case SEVL -> cpu.eventRegister = true;
            default -> { } // NOP, YIELD and unallocated hints
        }
    }

    /**
     * D1.16.3 "Traps of WFI/WFE": SCTLR_EL1.nTWI/nTWE at EL0 trap to EL1, HCR_EL2.TWI/TWE at
     * EL0/EL1 to EL2, SCR_EL3.TWI/TWE below EL3 to EL3. EC 0x01, ISS CV=1 COND=0xE TI.
     */
    private static void checkWfxTrap(A64Cpu cpu, boolean wfe) {
        int el = cpu.state().el;
        SystemRegisters sys = cpu.sys();
        int target = -1;
        if (el == 0 && (sys.sctlr[1] & (wfe ? SystemRegisters.SCTLR_NTWE : SystemRegisters.SCTLR_NTWI)) == 0) {
            target = SysRegAccess.tge(cpu) ? 2 : 1;
        } else if (el <= 1 && SysRegAccess.el2Enabled(cpu)
                && (sys.hcrEl2 & (wfe ? SystemRegisters.HCR_TWE : SystemRegisters.HCR_TWI)) != 0) {
            target = 2;
        } else if (el <= 2 && cpu.env().highestEl() == 3
                && (sys.scrEl3 & (wfe ? SystemRegisters.SCR_TWE : SystemRegisters.SCR_TWI)) != 0) {
            target = 3;
        }
        if (target >= 0) {
            int iss = (1 << 24) | (0xE << 20) | (wfe ? 1 : 0);
            throw new GuestException(GuestException.EC_WFX, iss, 0, false, target, false);
        }
    }

    static void clrex(A64Cpu cpu, int insn) {
        cpu.clearExclusive();
    }

    /** DSB/DMB with any option (including SSBB/PSSBB): a full fence orders this thread's accesses. */
    static void barrier(A64Cpu cpu, int insn) {
        VarHandle.fullFence();
    }

    /**
     * ISB: a system instruction, so it ends its translation block and the next block is looked
     * up again (context synchronization); blocks themselves follow code writes, nothing to flush.
     */
    static void isb(A64Cpu cpu, int insn) {
        VarHandle.fullFence();
    }
}
