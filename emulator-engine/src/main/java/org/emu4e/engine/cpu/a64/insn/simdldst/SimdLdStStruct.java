package org.emu4e.engine.cpu.a64.insn.simdldst;

import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/**
 * AdvSIMD load/store multiple structures and single structure (C4.1.67; pseudocode
 * "Shared decode for all encodings" of LD1..LD4/ST1..ST4, LD1R..LD4R), with post-index
 * (Rm = 31: immediate equal to the transfer size, else X[Rm]).
 */
final class SimdLdStStruct {
    private SimdLdStStruct() { }

    /** LD1-LD4/ST1-ST4 (multiple structures). insn[23] = post-index form. */
    static void multiple(A64Cpu cpu, int insn) {
        int q = u(insn, 30, 1);
        boolean load = (insn & (1 << 22)) != 0;
        int opcode = u(insn, 12, 4);
        int size = u(insn, 10, 2);
        int rpt;
        int selem;
        switch (opcode) {
            case 0b0000 -> { rpt = 1; selem = 4; }
            case 0b0010 -> { rpt = 4; selem = 1; }
            case 0b0100 -> { rpt = 1; selem = 3; }
            case 0b0110 -> { rpt = 3; selem = 1; }
            case 0b0111 -> { rpt = 1; selem = 1; }
            case 0b1000 -> { rpt = 1; selem = 2; }
            case 0b1010 -> { rpt = 2; selem = 1; }
            default -> throw GuestException.undefined();
        }
        if (size == 3 && q == 0 && selem != 1) {
            throw GuestException.undefined();
        }
        if ((insn & (1 << 23)) == 0 && rm(insn) != 0) {
            throw GuestException.undefined();
        }
        CpuState s = cpu.state();
        int t = insn & 31;
        int n = rn(insn);
        long base = s.xsp(n);
        int esize = 8 << size;
        int ebytes = 1 << size;
        int elements = (q == 1 ? 16 : 8) / ebytes;
        long offs = 0;
        for (int r = 0; r < rpt; r++) {
            for (int e = 0; e < elements; e++) {
                int tt = (t + r) & 31;
                for (int k = 0; k < selem; k++) {
                    if (load) {
                        long v = cpu.read(base + offs, ebytes);
                        if (q == 0 && e == 0) {
                            // V[tt] = rval writes 64 bits, zeroing the top half, only once
                            // the element's access has completed (a fault leaves V[tt] as it was)
                            s.vhi[tt] = 0;
                        }
                        VRegs.set(s, tt, e, esize, v);
                    } else {
                        cpu.write(base + offs, ebytes, VRegs.get(s, tt, e, esize));
                    }
                    offs += ebytes;
                    tt = (tt + 1) & 31;
                }
            }
        }
        writeBack(s, insn, n, base, offs);
    }

    private static void writeBack(CpuState s, int insn, int n, long base, long offs) {
        if ((insn & (1 << 23)) != 0) {
            int m = rm(insn);
            s.setXsp(n, base + (m == 31 ? offs : s.x(m)));
        }
    }

    /** LD1-LD4/ST1-ST4 (single structure) and LD1R-LD4R. */
    static void single(A64Cpu cpu, int insn) {
        int q = u(insn, 30, 1);
        boolean load = (insn & (1 << 22)) != 0;
        int r = u(insn, 21, 1);
        int opcode = u(insn, 13, 3);
        int sbit = u(insn, 12, 1);
        int size = u(insn, 10, 2);
        int selem = ((opcode & 1) << 1 | r) + 1;
        int scale = opcode >>> 1;
        int index;
        boolean replicate = false;
        switch (scale) {
            case 0 -> index = (q << 3) | (sbit << 2) | size;
            case 1 -> {
                if ((size & 1) != 0) {
                    throw GuestException.undefined();
                }
                index = (q << 2) | (sbit << 1) | (size >>> 1);
            }
            case 2 -> {
                if ((size & 2) != 0) {
                    throw GuestException.undefined();
                }
                if (size == 0) {
                    index = (q << 1) | sbit;
                } else {
                    if (sbit != 0) {
                        throw GuestException.undefined();
                    }
                    index = q;
                    scale = 3;
                }
            }
            default -> {
                if (!load || sbit != 0) {
                    throw GuestException.undefined();
                }
                scale = size;
                index = 0;
                replicate = true;
            }
        }
        if ((insn & (1 << 23)) == 0 && rm(insn) != 0) {
            throw GuestException.undefined();
        }
        CpuState s = cpu.state();
        int t = insn & 31;
        int n = rn(insn);
        long base = s.xsp(n);
        int esize = 8 << scale;
        int ebytes = 1 << scale;
        long offs = 0;
        for (int k = 0; k < selem; k++) {
            int tt = (t + k) & 31;
            if (replicate) {
                long v = cpu.read(base + offs, ebytes);
                long rep = v;
                for (int w = esize; w < 64; w *= 2) {
                    rep |= rep << w;
                }
                VRegs.setVec(s, tt, rep, rep, q == 1);
            } else if (load) {
                VRegs.set(s, tt, index, esize, cpu.read(base + offs, ebytes));
            } else {
                cpu.write(base + offs, ebytes, VRegs.get(s, tt, index, esize));
            }
            offs += ebytes;
        }
        writeBack(s, insn, n, base, offs);
    }
}
