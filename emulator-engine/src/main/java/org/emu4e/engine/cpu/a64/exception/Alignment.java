package org.emu4e.engine.cpu.a64.exception;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.sysreg.SystemRegisters;

/**
 * Alignment checks that instructions ask for explicitly (ARM ARM B2.5.2 "Alignment of data
 * accesses", D1.8.2 "SP alignment checking"). Checks that depend on the memory type and
 * SCTLR_ELx.A are done by the MMU for every access.
 */
public final class Alignment {
    /** DFSC/IFSC of an alignment fault. */
    public static final int FSC_ALIGNMENT = 0x21;

    private Alignment() { }

    /**
     * SP alignment check for a load/store whose base register is SP: faults (EC 0x26) if
     * SCTLR_EL1.SA0 (at EL0) or SCTLR_ELx.SA (at ELx) is set and {@code address} is not
     * 16-byte aligned.
     */
    public static void checkSp(A64Cpu cpu, long address) {
        if ((address & 15) == 0) {
            return;
        }
        int el = cpu.state().el;
        long sctlr = cpu.sys().sctlr[el == 0 ? 1 : el];
        long bit = el == 0 ? SystemRegisters.SCTLR_SA0 : SystemRegisters.SCTLR_SA;
        if ((sctlr & bit) != 0) {
            throw new GuestException(GuestException.EC_SP_ALIGN, 0, 0, false, -1, false);
        }
    }

    /**
     * For accesses that must be aligned whatever the memory type (exclusives, acquire/release,
     * atomics): an alignment fault data abort if {@code va} is not a multiple of {@code size}.
     */
    public static void checkAligned(A64Cpu cpu, long va, int size, boolean write) {
        if ((va & (size - 1)) != 0) {
            throw fault(cpu, va, write);
        }
    }

    /** Data abort with DFSC = alignment fault for {@code va}. */
    public static GuestException fault(A64Cpu cpu, long va, boolean write) {
        int iss = FSC_ALIGNMENT | (write ? 1 << 6 : 0);
        return new GuestException(GuestException.EC_DABORT_SAME, iss, va, true, -1, false);
    }
}
