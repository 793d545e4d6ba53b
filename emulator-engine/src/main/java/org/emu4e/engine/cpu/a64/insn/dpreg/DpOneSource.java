package org.emu4e.engine.cpu.a64.insn.dpreg;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.sf;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;

/** Data-processing (1 source): RBIT, REV16, REV32, REV, CLZ, CLS (C6.2). */
final class DpOneSource {
    private DpOneSource() { }

    static void rbit(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        if (sf(insn)) {
            s.setX(rd(insn), Long.reverse(s.x(rn(insn))));
        } else {
            s.setW(rd(insn), Integer.reverse(s.w(rn(insn))));
        }
    }

    /** Byte swap within each halfword. */
    static void rev16(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        long v = s.x(rn(insn));
        long r = ((v >>> 8) & 0x00FF_00FF_00FF_00FFL) | ((v & 0x00FF_00FF_00FF_00FFL) << 8);
        if (sf(insn)) {
            s.setX(rd(insn), r);
        } else {
            s.setW(rd(insn), (int) r);
        }
    }

    /** REV32 (64-bit only): byte swap within each word. */
    static void rev32(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        long v = s.x(rn(insn));
        long lo = Integer.reverseBytes((int) v) & 0xFFFF_FFFFL;
        long hi = Integer.reverseBytes((int) (v >>> 32)) & 0xFFFF_FFFFL;
        s.setX(rd(insn), (hi << 32) | lo);
    }

    /** REV: full byte reverse of the register width. */
    static void rev(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        if (sf(insn)) {
            s.setX(rd(insn), Long.reverseBytes(s.x(rn(insn))));
        } else {
            s.setW(rd(insn), Integer.reverseBytes(s.w(rn(insn))));
        }
    }

    static void clz(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        if (sf(insn)) {
            s.setX(rd(insn), Long.numberOfLeadingZeros(s.x(rn(insn))));
        } else {
            s.setW(rd(insn), Integer.numberOfLeadingZeros(s.w(rn(insn))));
        }
    }

    /** CLS: leading bits equal to the sign bit, not counting the sign bit itself. */
    static void cls(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        if (sf(insn)) {
            long v = s.x(rn(insn));
            s.setX(rd(insn), Long.numberOfLeadingZeros(v ^ (v >> 1)) - 1);
        } else {
            int v = s.w(rn(insn));
            s.setW(rd(insn), Integer.numberOfLeadingZeros(v ^ (v >> 1)) - 1);
        }
    }
}
