package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/** AdvSIMD permute (UZP1/2, TRN1/2, ZIP1/2), EXT and table lookup (TBL/TBX). */
final class Permute {
    private Permute() { }

    static void zipUzpTrn(A64Cpu cpu, int insn) {
        int q = u(insn, 30, 1);
        int size = u(insn, 22, 2);
        int opcode = u(insn, 12, 3);
        if ((opcode & 3) == 0 || (size == 3 && q == 0)) {
            throw GuestException.undefined();
        }
        int part = opcode >>> 2;
        int esize = 8 << size;
        int count = Lanes.count(q, esize);
        CpuState s = cpu.state();
        long[] n = Lanes.read(s, rn(insn), esize, count, 0);
        long[] m = Lanes.read(s, rm(insn), esize, count, 1);
        long[] r = Lanes.scratch(s, 2);
        int half = count / 2;
        for (int i = 0; i < count; i++) {
            r[i] = switch (opcode & 3) {
                case 1 -> {
                    int j = 2 * i + part;
                    yield j < count ? n[j] : m[j - count];
                }
                case 2 -> (i & 1) == 0 ? n[(i & ~1) + part] : m[(i & ~1) + part];
                default -> (i & 1) == 0 ? n[part * half + i / 2] : m[part * half + i / 2];
            };
        }
        Lanes.write(s, rd(insn), esize, r, count, q == 1);
    }

    static void ext(A64Cpu cpu, int insn) {
        int q = u(insn, 30, 1);
        int pos = u(insn, 11, 4);
        if (q == 0 && pos >= 8) {
            throw GuestException.undefined();
        }
        int bytes = q == 1 ? 16 : 8;
        CpuState s = cpu.state();
        long[] n = Lanes.read(s, rn(insn), 8, bytes, 0);
        long[] m = Lanes.read(s, rm(insn), 8, bytes, 1);
        long[] r = Lanes.scratch(s, 2);
        for (int i = 0; i < bytes; i++) {
            int j = pos + i;
            r[i] = j < bytes ? n[j] : m[j - bytes];
        }
        Lanes.write(s, rd(insn), 8, r, bytes, q == 1);
    }

    static void table(A64Cpu cpu, int insn) {
        int q = u(insn, 30, 1);
        int regs = u(insn, 13, 2) + 1;
        boolean tbx = u(insn, 12, 1) == 1;
        int bytes = q == 1 ? 16 : 8;
        CpuState s = cpu.state();
        long[] idx = Lanes.read(s, rm(insn), 8, bytes, 0);
        long[] d = Lanes.read(s, rd(insn), 8, bytes, 1);
        long[] r = Lanes.scratch(s, 2);
        for (int i = 0; i < bytes; i++) {
            int k = (int) idx[i];
            if (k < 16 * regs) {
                r[i] = VRegs.get(s, (rn(insn) + k / 16) & 31, k % 16, 8);
            } else {
                r[i] = tbx ? d[i] : 0;
            }
        }
        Lanes.write(s, rd(insn), 8, r, bytes, q == 1);
    }
}
