package org.emu4e.engine.cpu.a64.insn.dpreg;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.sf;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.sem.Crc32;
import org.emu4e.engine.cpu.a64.sem.Divide;
import org.emu4e.engine.cpu.a64.sem.Shifts;

/** Data-processing (2 source): divides, variable shifts, CRC32 (C6.2). */
final class DpTwoSource {
    private DpTwoSource() { }

    static void udiv(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        if (sf(insn)) {
            s.setX(rd(insn), Divide.udiv64(s.x(rn(insn)), s.x(rm(insn))));
        } else {
            s.setW(rd(insn), Divide.udiv32(s.w(rn(insn)), s.w(rm(insn))));
        }
    }

    static void sdiv(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        if (sf(insn)) {
            s.setX(rd(insn), Divide.sdiv64(s.x(rn(insn)), s.x(rm(insn))));
        } else {
            s.setW(rd(insn), Divide.sdiv32(s.w(rn(insn)), s.w(rm(insn))));
        }
    }

    static void lslv(A64Cpu cpu, int insn) {
        shiftV(cpu, insn, Shifts.LSL);
    }

    static void lsrv(A64Cpu cpu, int insn) {
        shiftV(cpu, insn, Shifts.LSR);
    }

    static void asrv(A64Cpu cpu, int insn) {
        shiftV(cpu, insn, Shifts.ASR);
    }

    static void rorv(A64Cpu cpu, int insn) {
        shiftV(cpu, insn, Shifts.ROR);
    }

    /** The shift amount is Rm modulo the register width (C6.2 "LSLV"). */
    private static void shiftV(A64Cpu cpu, int insn, int type) {
        CpuState s = cpu.state();
        if (sf(insn)) {
            s.setX(rd(insn), Shifts.shift64(s.x(rn(insn)), type, (int) s.x(rm(insn)) & 63));
        } else {
            s.setW(rd(insn), Shifts.shift32(s.w(rn(insn)), type, s.w(rm(insn)) & 31));
        }
    }

    /** CRC32{B,H,W,X} and CRC32C{B,H,W,X}: sz = insn[11:10], C = insn[12]. */
    static void crc32(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        int bytes = 1 << ((insn >>> 10) & 3);
        boolean c = (insn & (1 << 12)) != 0;
        s.setW(rd(insn), Crc32.update(s.w(rn(insn)), s.x(rm(insn)), bytes, c));
    }
}
