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

/**
 * ADD/SUB(S) shifted and extended register, ADC/SBC(S) (C6.2). Shifted forms use XZR for
 * Rn and Rd; extended forms use SP for Rn and for Rd unless flags are set.
 */
final class DpAddSub {
    private DpAddSub() { }

    private static long shifted(CpuState s, int insn) {
        int type = u(insn, 22, 2);
        int amount = u(insn, 10, 6);
        return sf(insn) ? Shifts.shift64(s.x(rm(insn)), type, amount)
                : Shifts.shift32(s.w(rm(insn)), type, amount);
    }

    private static long extended(CpuState s, int insn) {
        return Shifts.extend(s.x(rm(insn)), u(insn, 13, 3), u(insn, 10, 3));
    }

    static void addShift(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        long r = s.x(rn(insn)) + shifted(s, insn);
        s.setX(rd(insn), sf(insn) ? r : r & 0xFFFF_FFFFL);
    }

    static void subShift(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        long r = s.x(rn(insn)) - shifted(s, insn);
        s.setX(rd(insn), sf(insn) ? r : r & 0xFFFF_FFFFL);
    }

    static void addsShift(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        withFlags(s, insn, s.x(rn(insn)), shifted(s, insn), 0);
    }

    static void subsShift(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        withFlags(s, insn, s.x(rn(insn)), ~shifted(s, insn), 1);
    }

    static void addExt(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        long r = s.xsp(rn(insn)) + extended(s, insn);
        s.setXsp(rd(insn), sf(insn) ? r : r & 0xFFFF_FFFFL);
    }

    static void subExt(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        long r = s.xsp(rn(insn)) - extended(s, insn);
        s.setXsp(rd(insn), sf(insn) ? r : r & 0xFFFF_FFFFL);
    }

    static void addsExt(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        withFlags(s, insn, s.xsp(rn(insn)), extended(s, insn), 0);
    }

    static void subsExt(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        withFlags(s, insn, s.xsp(rn(insn)), ~extended(s, insn), 1);
    }

    static void adc(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        long r = s.x(rn(insn)) + s.x(rm(insn)) + ((s.nzcv >>> 1) & 1);
        s.setX(rd(insn), sf(insn) ? r : r & 0xFFFF_FFFFL);
    }

    static void sbc(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        long r = s.x(rn(insn)) + ~s.x(rm(insn)) + ((s.nzcv >>> 1) & 1);
        s.setX(rd(insn), sf(insn) ? r : r & 0xFFFF_FFFFL);
    }

    static void adcs(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        withFlags(s, insn, s.x(rn(insn)), s.x(rm(insn)), (s.nzcv >>> 1) & 1);
    }

    static void sbcs(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        withFlags(s, insn, s.x(rn(insn)), ~s.x(rm(insn)), (s.nzcv >>> 1) & 1);
    }

    /** AddWithCarry(a, b, c) with flags; Rd is XZR-numbered (never SP). */
    private static void withFlags(CpuState s, int insn, long a, long b, int c) {
        if (sf(insn)) {
            s.nzcv = AddWithCarry.flags64(a, b, c);
            s.setX(rd(insn), a + b + c);
        } else {
            s.nzcv = AddWithCarry.flags32((int) a, (int) b, c);
            s.setW(rd(insn), (int) (a + b + c));
        }
    }
}
