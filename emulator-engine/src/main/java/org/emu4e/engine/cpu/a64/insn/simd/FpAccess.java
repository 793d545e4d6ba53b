package org.emu4e.engine.cpu.a64.insn.simd;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.decode.Handler;

/**
 * The SIMD&FP access check every FP/AdvSIMD instruction makes before executing
 * (CheckFPAdvSIMDEnabled64, ARM ARM D17 CPACR_EL1.FPEN): FPEN 0b01 traps EL0 only,
 * 0b11 traps nothing, 0b00/0b10 trap EL0 and EL1. The trap is EC 0x07 with CV=1,
 * COND=0b1110 in the ISS, routed like any EL0/EL1 exception. EL2/EL3 (CPTR_ELx) are not modelled here.
 */
public final class FpAccess {
    private FpAccess() { }

    private static final int ISS = (1 << 24) | (0xE << 20);

    public static void check(A64Cpu cpu) {
        if (!enabled(cpu)) {
            throw new GuestException(GuestException.EC_FP_ACCESS, ISS, 0, false, -1, false);
        }
    }

    /** True if SIMD&FP instructions execute at the current EL (no trap). */
    public static boolean enabled(A64Cpu cpu) {
        int el = cpu.state().el;
        if (el > 1) {
            return true;
        }
        int fpen = (int) (cpu.sys().cpacrEl1 >>> 20) & 3;
        return fpen == 3 || (fpen == 1 && el == 1);
    }

    /** Wraps a handler with the access check. */
    public static Handler guarded(Handler h) {
        return (cpu, insn) -> {
            check(cpu);
            h.exec(cpu, insn);
        };
    }
}
