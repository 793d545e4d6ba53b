package org.emu4e.engine.cpu.a64.insn.dpimm;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.sf;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.decode.Bits;
import org.emu4e.engine.cpu.a64.sem.AddWithCarry;
import org.emu4e.engine.cpu.a64.sem.BitMasks;

/** Handlers of {@link DpImmediateGroup}; one static method per row family. */
final class DpImmediate {
    private DpImmediate() { }

    // ---- C6.2 ADR, ADRP ----
    static void adr(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        long imm = (Bits.s(insn, 5, 19) << 2) | u(insn, 29, 2);
        s.setX(rd(insn), s.pc + imm);
    }

    static void adrp(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        long imm = ((Bits.s(insn, 5, 19) << 2) | u(insn, 29, 2)) << 12;
        s.setX(rd(insn), (s.pc & ~0xFFFL) + imm);
    }

    // ---- C6.2 ADD/ADDS/SUB/SUBS (immediate): Rn may be SP; Rd is SP for ADD/SUB, ZR for the S forms ----
    private static long imm12(int insn) {
        long imm = u(insn, 10, 12);
        return (insn & (1 << 22)) != 0 ? imm << 12 : imm;
    }

    static void addImm(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        long r = s.xsp(rn(insn)) + imm12(insn);
        s.setXsp(rd(insn), sf(insn) ? r : r & 0xFFFF_FFFFL);
    }

    static void subImm(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        long r = s.xsp(rn(insn)) - imm12(insn);
        s.setXsp(rd(insn), sf(insn) ? r : r & 0xFFFF_FFFFL);
    }

    static void addsImm(A64Cpu cpu, int insn) {
        addsSubs(cpu, insn, false);
    }

    static void subsImm(A64Cpu cpu, int insn) {
        addsSubs(cpu, insn, true);
    }

    private static void addsSubs(A64Cpu cpu, int insn, boolean sub) {
        CpuState s = cpu.state();
        long a = s.xsp(rn(insn));
        long b = imm12(insn);
        if (sub) {
            b = ~b;
        }
        int c = sub ? 1 : 0;
        if (sf(insn)) {
            s.nzcv = AddWithCarry.flags64(a, b, c);
            s.setX(rd(insn), a + b + c);
        } else {
            s.nzcv = AddWithCarry.flags32((int) a, (int) b, c);
            s.setW(rd(insn), (int) (a + b + c));
        }
    }

    // ---- C6.2 AND/ORR/EOR/ANDS (immediate): Rd is SP except for ANDS ----
    private static long logicalImm(int insn) {
        long imm = BitMasks.logicalImmediate(u(insn, 10, 13));
        if (imm == 0) {
            throw GuestException.undefined(); // reserved imms (DecodeBitMasks UNDEFINED)
        }
        return imm;
    }

    private static void writeLogical(CpuState s, int insn, long r) {
        s.setXsp(rd(insn), sf(insn) ? r : r & 0xFFFF_FFFFL);
    }

    static void andImm(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        writeLogical(s, insn, s.x(rn(insn)) & logicalImm(insn));
    }

    static void orrImm(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        writeLogical(s, insn, s.x(rn(insn)) | logicalImm(insn));
    }

    static void eorImm(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        writeLogical(s, insn, s.x(rn(insn)) ^ logicalImm(insn));
    }

    static void andsImm(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        long r = s.x(rn(insn)) & logicalImm(insn);
        if (sf(insn)) {
            s.nzcv = AddWithCarry.logicFlags64(r);
            s.setX(rd(insn), r);
        } else {
            s.nzcv = AddWithCarry.logicFlags32((int) r);
            s.setW(rd(insn), (int) r);
        }
    }

    // ---- C6.2 MOVN/MOVZ/MOVK ----
    private static int pos(int insn) {
        return u(insn, 21, 2) * 16;
    }

    static void movn(A64Cpu cpu, int insn) {
        long v = ~((long) u(insn, 5, 16) << pos(insn));
        CpuState s = cpu.state();
        if (sf(insn)) {
            s.setX(rd(insn), v);
        } else {
            s.setW(rd(insn), (int) v);
        }
    }

    static void movz(A64Cpu cpu, int insn) {
        cpu.state().setX(rd(insn), (long) u(insn, 5, 16) << pos(insn));
    }

    static void movk(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        int p = pos(insn);
        long v = (s.x(rd(insn)) & ~(0xFFFFL << p)) | ((long) u(insn, 5, 16) << p);
        if (sf(insn)) {
            s.setX(rd(insn), v);
        } else {
            s.setW(rd(insn), (int) v);
        }
    }

    // ---- C6.2 SBFM/BFM/UBFM (pseudocode of the shared "Bitfield move" decode) ----
    static void sbfm(A64Cpu cpu, int insn) {
        bitfield(cpu, insn, true, false);
    }

    static void bfm(A64Cpu cpu, int insn) {
        bitfield(cpu, insn, false, true);
    }

    static void ubfm(A64Cpu cpu, int insn) {
        bitfield(cpu, insn, false, false);
    }

    private static void bitfield(A64Cpu cpu, int insn, boolean extend, boolean keepDst) {
        CpuState s = cpu.state();
        int key = u(insn, 10, 13);
        int r = u(insn, 16, 6);
        int sBit = u(insn, 10, 6);
        long wmask = BitMasks.bitfieldWmask(key);
        long tmask = BitMasks.bitfieldTmask(key);
        long src = s.x(rn(insn));
        long dst = keepDst ? s.x(rd(insn)) : 0;
        long res;
        if (sf(insn)) {
            long bot = (dst & ~wmask) | (Long.rotateRight(src, r) & wmask);
            long top = extend ? -((src >>> sBit) & 1) : dst;
            res = (top & ~tmask) | (bot & tmask);
            s.setX(rd(insn), res);
        } else {
            int w = (int) wmask;
            int t = (int) tmask;
            int bot = ((int) dst & ~w) | (Integer.rotateRight((int) src, r) & w);
            int top = extend ? -(((int) src >>> sBit) & 1) : (int) dst;
            s.setW(rd(insn), (top & ~t) | (bot & t));
        }
    }

    // ---- C6.2 EXTR ----
    static void extr(A64Cpu cpu, int insn) {
        CpuState s = cpu.state();
        int lsb = u(insn, 10, 6);
        long n = s.x(rn(insn));
        long m = s.x(rm(insn));
        if (sf(insn)) {
            s.setX(rd(insn), lsb == 0 ? m : (m >>> lsb) | (n << (64 - lsb)));
        } else {
            int hi = (int) n;
            int lo = (int) m;
            s.setW(rd(insn), lsb == 0 ? lo : (lo >>> lsb) | (hi << (32 - lsb)));
        }
    }
}
