package org.emu4e.engine.cpu.a64.insn.dpreg;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.sf;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;

/** Data-processing (3 source): multiply-add/subtract, long and high multiplies (C6.2). */
final class DpThreeSource {
    private DpThreeSource() { }

    private static int ra(int insn) {
        return u(insn, 10, 5);
    }

    static void madd(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        long r = s.x(ra(insn)) + s.x(rn(insn)) * s.x(rm(insn));
        s.setX(rd(insn), sf(insn) ? r : r & 0xFFFF_FFFFL);
    }

    static void msub(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        long r = s.x(ra(insn)) - s.x(rn(insn)) * s.x(rm(insn));
        s.setX(rd(insn), sf(insn) ? r : r & 0xFFFF_FFFFL);
    }

    static void smaddl(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        s.setX(rd(insn), s.x(ra(insn)) + (long) s.w(rn(insn)) * (long) s.w(rm(insn)));
    }

    static void smsubl(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        s.setX(rd(insn), s.x(ra(insn)) - (long) s.w(rn(insn)) * (long) s.w(rm(insn)));
    }

    static void umaddl(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        s.setX(rd(insn), s.x(ra(insn)) + (s.x(rn(insn)) & 0xFFFF_FFFFL) * (s.x(rm(insn)) & 0xFFFF_FFFFL));
    }

    static void umsubl(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        s.setX(rd(insn), s.x(ra(insn)) - (s.x(rn(insn)) & 0xFFFF_FFFFL) * (s.x(rm(insn)) & 0xFFFF_FFFFL));
    }

    static void smulh(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        s.setX(rd(insn), Math.multiplyHigh(s.x(rn(insn)), s.x(rm(insn))));
    }

    static void umulh(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        s.setX(rd(insn), Math.unsignedMultiplyHigh(s.x(rn(insn)), s.x(rm(insn))));
    }
}
