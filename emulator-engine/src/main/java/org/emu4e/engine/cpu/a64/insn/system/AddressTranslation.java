package org.emu4e.engine.cpu.a64.insn.system;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.GuestException;

/**
 * AT (C5.5 "A64 System instructions for address translation"): a stage 1 walk whose result
 * goes to PAR_EL1 instead of raising an abort. The S12 forms behave as S1 (no stage 2).
 */
final class AddressTranslation {
    private AddressTranslation() { }

    static void at(A64Cpu cpu, int insn, int op1, int op2, int rt) {
        int el = cpu.state().el;
        int regime;
        int permEl;
        boolean write = (op2 & 1) != 0;
        int minEl;
        switch (op1) {
            case 0 -> { // S1E1R/W, S1E0R/W
                if (op2 > 3) {
                    throw GuestException.undefined();
                }
                minEl = 1;
                regime = 1;
                permEl = op2 >= 2 ? 0 : 1;
            }
            case 4 -> { // S1E2R/W, S12E1R/W, S12E0R/W
                if (op2 == 2 || op2 == 3) {
                    throw GuestException.undefined();
                }
                minEl = 2;
                regime = op2 < 2 ? 2 : 1;
                permEl = op2 < 2 ? 2 : (op2 >= 6 ? 0 : 1);
            }
            case 6 -> { // S1E3R/W
                if (op2 > 1) {
                    throw GuestException.undefined();
                }
                minEl = 3;
                regime = 3;
                permEl = 3;
            }
            default -> throw GuestException.undefined();
        }
        if (el < minEl || cpu.env().highestEl() < minEl) {
            throw GuestException.undefined();
        }
        long va = cpu.state().x(rt);
        cpu.sys().parEl1 = cpu.mmu().addressTranslate(va, regime, permEl, write);
    }
}
