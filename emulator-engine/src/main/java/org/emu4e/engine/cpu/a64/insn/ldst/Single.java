package org.emu4e.engine.cpu.a64.insn.ldst;

import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.decode.Bits;
import org.emu4e.engine.cpu.a64.sem.Shifts;

/**
 * LDR/STR/LDRB/.../LDRSW of one general register in every addressing mode (C6.2; the shared
 * decode is C4.1.67 "Load/store register"). size = insn[31:30], opc = insn[23:22]:
 * opc 00 store, 01 load zero-extended, 10 load sign-extended to 64 bits, 11 load
 * sign-extended to 32 bits.
 *
 * <p>Writeback with Rn == Rt (Rn != SP) is CONSTRAINED UNPREDICTABLE; we do what QEMU does:
 * a store writes the register's value from before the writeback, and for a load the
 * writeback happens last, so Rt ends up holding the written-back address.
 */
final class Single {
    private Single() { }

    static void unsignedOffset(A64Cpu cpu, int insn) {
        int size = insn >>> 30;
        long addr = Access.base(cpu, rn(insn)) + ((long) u(insn, 10, 12) << size);
        transfer(cpu, insn, addr, false);
    }

    static void unscaled(A64Cpu cpu, int insn) {
        transfer(cpu, insn, Access.base(cpu, rn(insn)) + Bits.s(insn, 12, 9), false);
    }

    /** LDTR/STTR: at EL1 the access is checked as if from EL0 (D8 "unprivileged"). */
    static void unprivileged(A64Cpu cpu, int insn) {
        long addr = Access.base(cpu, rn(insn)) + Bits.s(insn, 12, 9);
        transfer(cpu, insn, addr, cpu.state().el == 1);
    }

    static void preIndex(A64Cpu cpu, int insn) {
        int n = rn(insn);
        long addr = Access.base(cpu, n) + Bits.s(insn, 12, 9);
        transfer(cpu, insn, addr, false);
        cpu.state().setXsp(n, addr);
    }

    static void postIndex(A64Cpu cpu, int insn) {
        int n = rn(insn);
        long addr = Access.base(cpu, n);
        transfer(cpu, insn, addr, false);
        cpu.state().setXsp(n, addr + Bits.s(insn, 12, 9));
    }

    /** Register offset: ExtendReg(Rm, option, S ? size : 0); option must be x1x. */
    static void registerOffset(A64Cpu cpu, int insn) {
        int size = insn >>> 30;
        int shift = (insn & (1 << 12)) != 0 ? size : 0;
        long off = Shifts.extend(cpu.state().x(rm(insn)), u(insn, 13, 3), shift);
        transfer(cpu, insn, Access.base(cpu, rn(insn)) + off, false);
    }

    private static void transfer(A64Cpu cpu, int insn, long addr, boolean unpriv) {
        CpuState s = cpu.state();
        int bytes = 1 << (insn >>> 30);
        int rt = insn & 31;
        int opc = (insn >>> 22) & 3;
        Access.checkNormal(cpu, addr, bytes, opc == 0);
        switch (opc) {
            case 0 -> cpu.write(addr, bytes, s.x(rt), unpriv);
            case 1 -> s.setX(rt, cpu.read(addr, bytes, unpriv));
            case 2 -> s.setX(rt, Access.signExtend(cpu.read(addr, bytes, unpriv), bytes));
            default -> s.setX(rt, Access.signExtend(cpu.read(addr, bytes, unpriv), bytes) & 0xFFFF_FFFFL);
        }
    }
}
