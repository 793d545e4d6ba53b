package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;
import static org.emu4e.engine.cpu.a64.insn.simd.Permute.Encoding.*;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.decode.DecodeTable;
import org.emu4e.engine.cpu.a64.decode.Handler;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/**
 * AdvSIMD permute (UZP1/2, TRN1/2, ZIP1/2), extract (EXT) and table lookup (TBL/TBX with one
 * to four table registers), C4.1.69: one row per encoding, named after its {@link Encoding}
 * constant, which is also its handler; 64-bit lanes with Q = 0 and an EXT position past a
 * 64-bit vector have no row. Pattern letters: q = Q, z = size, j:i = EXT's imm4, m/n/d =
 * registers.
 */
final class Permute {
    private Permute() { }

    /** Every permute, extract and table lookup encoding. */
    enum Encoding implements Handler {
        UZP1, TRN1, ZIP1, UZP2, TRN2, ZIP2, EXT,
        TBL_1reg, TBL_2reg, TBL_3reg, TBL_4reg, TBX_1reg, TBX_2reg, TBX_3reg, TBX_4reg;

        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            int q = u(insn, 30, 1);
            switch (this) {
                case UZP1, UZP2, TRN1, TRN2, ZIP1, ZIP2 -> permute(s, insn, this, q);
                case EXT -> ext(s, insn, q);
                default -> table(s, insn, ordinal() - TBL_1reg.ordinal(), q);
            }
        }
    }

    static void rows(DecodeTable t) {
        // Advanced SIMD table lookup: 0 Q 001110 00 0 Rm 0 len op 00 Rn Rd
        row(t, TBL_1reg, "0q001110 000 mmmmm 0 00 0 00 nnnnn ddddd");
        row(t, TBL_2reg, "0q001110 000 mmmmm 0 01 0 00 nnnnn ddddd");
        row(t, TBL_3reg, "0q001110 000 mmmmm 0 10 0 00 nnnnn ddddd");
        row(t, TBL_4reg, "0q001110 000 mmmmm 0 11 0 00 nnnnn ddddd");
        row(t, TBX_1reg, "0q001110 000 mmmmm 0 00 1 00 nnnnn ddddd");
        row(t, TBX_2reg, "0q001110 000 mmmmm 0 01 1 00 nnnnn ddddd");
        row(t, TBX_3reg, "0q001110 000 mmmmm 0 10 1 00 nnnnn ddddd");
        row(t, TBX_4reg, "0q001110 000 mmmmm 0 11 1 00 nnnnn ddddd");

        // Advanced SIMD permute: 0 Q 001110 size 0 Rm 0 opcode 10 Rn Rd
        row(t, UZP1, "0q001110 zz0 mmmmm 0 001 10 nnnnn ddddd").reserved("qz", 0b011);
        row(t, TRN1, "0q001110 zz0 mmmmm 0 010 10 nnnnn ddddd").reserved("qz", 0b011);
        row(t, ZIP1, "0q001110 zz0 mmmmm 0 011 10 nnnnn ddddd").reserved("qz", 0b011);
        row(t, UZP2, "0q001110 zz0 mmmmm 0 101 10 nnnnn ddddd").reserved("qz", 0b011);
        row(t, TRN2, "0q001110 zz0 mmmmm 0 110 10 nnnnn ddddd").reserved("qz", 0b011);
        row(t, ZIP2, "0q001110 zz0 mmmmm 0 111 10 nnnnn ddddd").reserved("qz", 0b011);

        // Advanced SIMD extract: 0 Q 101110 op2 0 Rm 0 imm4 0 Rn Rd; op2 00 only
        row(t, EXT, "0q101110 000 mmmmm 0 jiii 0 nnnnn ddddd").reserved("qj", 0b01);
    }

    private static DecodeTable row(DecodeTable t, Encoding e, String pattern) {
        return t.add(e.name(), pattern, e);
    }

    /** UZP, TRN, ZIP: the even (1) or odd (2) lanes, pairs or low (1) / high (2) halves interleaved. */
    private static void permute(CpuState s, int insn, Encoding op, int q) {
        int esize = 8 << u(insn, 22, 2);
        int count = Lanes.count(q, esize);
        int part = op == UZP2 || op == TRN2 || op == ZIP2 ? 1 : 0;
        long[] n = Lanes.read(s, rn(insn), esize, count, 0);
        long[] m = Lanes.read(s, rm(insn), esize, count, 1);
        long[] r = Lanes.scratch(s, 2);
        int half = count / 2;
        for (int i = 0; i < count; i++) {
            r[i] = switch (op) {
                case UZP1, UZP2 -> {
                    int j = 2 * i + part;
                    yield j < count ? n[j] : m[j - count];
                }
                case TRN1, TRN2 -> (i & 1) == 0 ? n[(i & ~1) + part] : m[(i & ~1) + part];
                default -> (i & 1) == 0 ? n[part * half + i / 2] : m[part * half + i / 2];
            };
        }
        Lanes.write(s, rd(insn), esize, r, count, q == 1);
    }

    /** EXT: bytes pos.. of Vm:Vn (Vn lowest). */
    private static void ext(CpuState s, int insn, int q) {
        int pos = u(insn, 11, 4);
        int bytes = q == 1 ? 16 : 8;
        long[] n = Lanes.read(s, rn(insn), 8, bytes, 0);
        long[] m = Lanes.read(s, rm(insn), 8, bytes, 1);
        long[] r = Lanes.scratch(s, 2);
        for (int i = 0; i < bytes; i++) {
            int j = pos + i;
            r[i] = j < bytes ? n[j] : m[j - bytes];
        }
        Lanes.write(s, rd(insn), 8, r, bytes, q == 1);
    }

    /**
     * TBL, TBX: each byte of Vm indexes the table Vn, Vn+1.. (modulo 32); an index past the
     * table gives zero (TBL) or leaves the byte of Vd (TBX). {@code kind} 0..3 is TBL with 1..4
     * registers, 4..7 TBX.
     */
    private static void table(CpuState s, int insn, int kind, int q) {
        int regs = (kind & 3) + 1;
        boolean tbx = kind >= 4;
        int bytes = q == 1 ? 16 : 8;
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
