package org.emu4e.engine.cpu.a64.insn.dpreg;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.sf;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.sem.AddWithCarry;
import org.emu4e.engine.cpu.a64.sem.Conditions;

/** Conditional compare (CCMN/CCMP) and conditional select (CSEL/CSINC/CSINV/CSNEG) (C6.2). */
final class DpConditional {
    private DpConditional() { }

    private static boolean cond(CpuState s, int insn) {
        return Conditions.holds(u(insn, 12, 4), s.nzcv);
    }

    static void ccmnReg(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        ccmp(s, insn, s.x(rm(insn)), false);
    }

    static void ccmpReg(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        ccmp(s, insn, s.x(rm(insn)), true);
    }

    static void ccmnImm(A64Cpu cpu, int insn) {
        ccmp(cpu.state(), insn, u(insn, 16, 5), false);
    }

    static void ccmpImm(A64Cpu cpu, int insn) {
        ccmp(cpu.state(), insn, u(insn, 16, 5), true);
    }

    /** If the condition holds, flags of Rn +/- op2; otherwise the immediate nzcv. */
    private static void ccmp(CpuState s, int insn, long op2, boolean sub) {
        if (!cond(s, insn)) {
            s.nzcv = insn & 0xF;
            return;
        }
        long a = s.x(rn(insn));
        long b = sub ? ~op2 : op2;
        int c = sub ? 1 : 0;
        s.nzcv = sf(insn) ? AddWithCarry.flags64(a, b, c) : AddWithCarry.flags32((int) a, (int) b, c);
    }

    static void csel(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        select(s, insn, cond(s, insn) ? s.x(rn(insn)) : s.x(rm(insn)));
    }

    static void csinc(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        select(s, insn, cond(s, insn) ? s.x(rn(insn)) : s.x(rm(insn)) + 1);
    }

    static void csinv(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        select(s, insn, cond(s, insn) ? s.x(rn(insn)) : ~s.x(rm(insn)));
    }

    static void csneg(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        select(s, insn, cond(s, insn) ? s.x(rn(insn)) : -s.x(rm(insn)));
    }

    private static void select(CpuState s, int insn, long v) {
        s.setX(rd(insn), sf(insn) ? v : v & 0xFFFF_FFFFL);
    }
}
