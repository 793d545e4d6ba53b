package org.emu4e.engine.cpu.a64.insn.dpreg;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.sf;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.sem.AddWithCarry;
import org.emu4e.engine.cpu.a64.sem.Shifts;

/** Logical (shifted register): AND, BIC, ORR, ORN, EOR, EON, ANDS, BICS (C6.2). */
final class DpLogical {
    private DpLogical() { }

    /** ShiftReg(m, shift, imm6) at the instruction's width; 32-bit results in the low word. */
    private static long operand2(CpuState s, int insn) {
        int type = u(insn, 22, 2);
        int amount = u(insn, 10, 6);
        if (sf(insn)) {
            return Shifts.shift64(s.x(rm(insn)), type, amount);
        }
        return Shifts.shift32(s.w(rm(insn)), type, amount) & 0xFFFF_FFFFL;
    }

    private static void write(CpuState s, int insn, long r) {
        s.setX(rd(insn), sf(insn) ? r : r & 0xFFFF_FFFFL);
    }

    static void and(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        write(s, insn, s.x(rn(insn)) & operand2(s, insn));
    }

    static void bic(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        write(s, insn, s.x(rn(insn)) & ~operand2(s, insn));
    }

    static void orr(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        write(s, insn, s.x(rn(insn)) | operand2(s, insn));
    }

    static void orn(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        write(s, insn, s.x(rn(insn)) | ~operand2(s, insn));
    }

    static void eor(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        write(s, insn, s.x(rn(insn)) ^ operand2(s, insn));
    }

    static void eon(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        write(s, insn, s.x(rn(insn)) ^ ~operand2(s, insn));
    }

    static void ands(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        setFlags(s, insn, s.x(rn(insn)) & operand2(s, insn));
    }

    static void bics(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        setFlags(s, insn, s.x(rn(insn)) & ~operand2(s, insn));
    }

    private static void setFlags(CpuState s, int insn, long r) {
        if (sf(insn)) {
            s.nzcv = AddWithCarry.logicFlags64(r);
            s.setX(rd(insn), r);
        } else {
            s.nzcv = AddWithCarry.logicFlags32((int) r);
            s.setW(rd(insn), (int) r);
        }
    }
}
