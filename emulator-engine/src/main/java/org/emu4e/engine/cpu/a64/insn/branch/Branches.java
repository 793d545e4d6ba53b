package org.emu4e.engine.cpu.a64.insn.branch;

import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.decode.Bits;
import org.emu4e.engine.cpu.a64.sem.Conditions;

/** Handlers of {@link BranchGroup} (C6.2 B, BL, B.cond, CBZ, CBNZ, TBZ, TBNZ, BR, BLR, RET). */
final class Branches {
    private Branches() { }

    static void b(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        s.nextPc = s.pc + (Bits.s(insn, 0, 26) << 2);
    }

    static void bl(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        s.x[30] = s.pc + 4;
        s.nextPc = s.pc + (Bits.s(insn, 0, 26) << 2);
    }

    static void bCond(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        if (Conditions.holds(insn & 0xF, s.nzcv)) {
            s.nextPc = s.pc + (Bits.s(insn, 5, 19) << 2);
        }
    }

    private static long cmpOperand(CpuState s, int insn) {
        long v = s.x(insn & 31);
        return insn < 0 ? v : v & 0xFFFF_FFFFL;
    }

    static void cbz(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        if (cmpOperand(s, insn) == 0) {
            s.nextPc = s.pc + (Bits.s(insn, 5, 19) << 2);
        }
    }

    static void cbnz(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        if (cmpOperand(s, insn) != 0) {
            s.nextPc = s.pc + (Bits.s(insn, 5, 19) << 2);
        }
    }

    /** Bit number b5:b40; with b5 = 0 only the W register bits are testable. */
    private static boolean testBit(CpuState s, int insn) {
        int bit = (u(insn, 31, 1) << 5) | u(insn, 19, 5);
        return ((s.x(insn & 31) >>> bit) & 1) != 0;
    }

    static void tbz(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        if (!testBit(s, insn)) {
            s.nextPc = s.pc + (Bits.s(insn, 5, 14) << 2);
        }
    }

    static void tbnz(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        if (testBit(s, insn)) {
            s.nextPc = s.pc + (Bits.s(insn, 5, 14) << 2);
        }
    }

    static void br(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        s.nextPc = s.x(rn(insn));
    }

    /** BLR: the target is read before X30 is written, so BLR X30 works. */
    static void blr(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        long target = s.x(rn(insn));
        s.x[30] = s.pc + 4;
        s.nextPc = target;
    }

    static void ret(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        s.nextPc = s.x(rn(insn));
    }
}
