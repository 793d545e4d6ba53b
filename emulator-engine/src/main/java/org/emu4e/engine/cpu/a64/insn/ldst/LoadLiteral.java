package org.emu4e.engine.cpu.a64.insn.ldst;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.decode.Bits;

/** LDR (literal) 32/64 and LDRSW (literal): PC-relative, imm19 words (C6.2). */
final class LoadLiteral {
    private LoadLiteral() { }

    private static long address(CpuState s, int insn) {
        return s.pc + (Bits.s(insn, 5, 19) << 2);
    }

    static void ldr32(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        long a = address(s, insn);
        Access.checkNormal(cpu, a, 4, false);
        s.setX(insn & 31, cpu.read(a, 4));
    }

    static void ldr64(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        long a = address(s, insn);
        Access.checkNormal(cpu, a, 8, false);
        s.setX(insn & 31, cpu.read(a, 8));
    }

    static void ldrsw(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        long a = address(s, insn);
        Access.checkNormal(cpu, a, 4, false);
        s.setX(insn & 31, (long) (int) cpu.read(a, 4));
    }
}
