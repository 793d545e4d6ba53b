package org.emu4e.engine.cpu.a64.insn.system;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.sysreg.SysRegAccess;
import org.emu4e.engine.cpu.a64.sysreg.SystemRegisters;
import org.emu4e.engine.memory.BusFault;

/**
 * Data and instruction cache maintenance (ARM ARM C5.3 "A64 System instructions for cache
 * maintenance", D4.4.8 access rules). The emulator has no caches, so maintenance is a no-op
 * apart from its access rules and the translation faults of the by-VA forms; DC ZVA zeroes
 * a 64-byte block (DCZID_EL0.BS = 4).
 */
final class CacheMaintenance {
    static final int ZVA_BYTES = 64;

    private CacheMaintenance() { }

    static void exec(A64Cpu cpu, int insn, int op1, int crm, int op2, int rt) {
        int el = cpu.state().el;
        long va = cpu.state().x(rt);
        int op = (op1 << 7) | (crm << 3) | op2;
        switch (op) {
            case (0 << 7) | (1 << 3) | 0, (0 << 7) | (5 << 3) | 0 -> { // IC IALLUIS, IC IALLU
                el1Only(el);
                cpu.icacheInvalidated = cpu.blocks().invalidateTranslatedAfter(cpu.icacheInvalidated);
            }
            case (0 << 7) | (6 << 3) | 1 -> { // DC IVAC: invalidate needs write permission
                el1Only(el);
                cpu.mmu().translateForMaintenance(va, true);
            }
            case (0 << 7) | (6 << 3) | 2, (0 << 7) | (10 << 3) | 2, (0 << 7) | (14 << 3) | 2 -> // DC ISW/CSW/CISW
                el1Only(el);
            case (3 << 7) | (4 << 3) | 1 -> zva(cpu, insn, va); // DC ZVA
            case (3 << 7) | (5 << 3) | 1 -> { // IC IVAU
                el0Uci(cpu, insn);
                icIvau(cpu, va);
            }
            case (3 << 7) | (10 << 3) | 1, (3 << 7) | (11 << 3) | 1, (3 << 7) | (14 << 3) | 1 -> { // DC CVAC/CVAU/CIVAC
                el0Uci(cpu, insn);
                cpu.mmu().translateForMaintenance(va, false);
            }
            default -> throw GuestException.undefined();
        }
    }

    private static void el1Only(int el) {
        if (el == 0) {
            throw GuestException.undefined();
        }
    }

    /** EL0 cache maintenance by VA needs SCTLR_EL1.UCI, else it traps (EC 0x18). */
    private static void el0Uci(A64Cpu cpu, int insn) {
        if (cpu.state().el == 0 && (cpu.sys().sctlr[1] & SystemRegisters.SCTLR_UCI) == 0) {
            throw SysRegAccess.trap(insn, SysRegAccess.tge(cpu) ? 2 : 1);
        }
    }

    /**
     * IC IVAU drops the translated blocks of the page, so code changed by the ARM ARM's
     * B2.4.4 sequence is re-translated. Like QEMU, an untranslatable VA is not reported as a
     * fault (there is no cached block to drop through it).
     */
    private static void icIvau(A64Cpu cpu, long va) {
        long pa;
        try {
            pa = cpu.mmu().translate(va, org.emu4e.engine.cpu.a64.mmu.Mmu.READ, false);
        } catch (GuestException e) {
            return;
        }
        cpu.blocks().invalidatePage(pa);
    }

    /** C5.3.13 DC ZVA: a write of zeros to the aligned block; Device memory gives an alignment fault. */
    private static void zva(A64Cpu cpu, int insn, long va) {
        if (cpu.state().el == 0 && (cpu.sys().sctlr[1] & SystemRegisters.SCTLR_DZE) == 0) {
            throw SysRegAccess.trap(insn, SysRegAccess.tge(cpu) ? 2 : 1);
        }
        long block = va & -ZVA_BYTES;
        long pa = cpu.mmu().translateZva(block);
        if (cpu.selfDebug().watchpointsArmed) {
            cpu.selfDebug().checkWatchpoint(block, ZVA_BYTES, true, cpu.state().el != 0);
        }
        try {
            for (int i = 0; i < ZVA_BYTES; i += 8) {
                cpu.bus().write(pa + i, 8, 0);
            }
        } catch (BusFault f) {
            throw cpu.externalAbort(va, false, true);
        }
    }
}
