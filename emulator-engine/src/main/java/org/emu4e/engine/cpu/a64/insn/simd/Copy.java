package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;
import static org.emu4e.engine.cpu.a64.insn.simd.Copy.Encoding.*;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.decode.DecodeTable;
import org.emu4e.engine.cpu.a64.decode.Handler;
import org.emu4e.engine.cpu.a64.sem.vec.IntLane;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/**
 * AdvSIMD copy (C4.1.69: DUP, INS, SMOV, UMOV) and AdvSIMD scalar copy (DUP element): one row
 * per encoding, named after its {@link Encoding} constant, which is also its handler. imm5
 * (letters vwxyz, v = bit 20) holds the element size as its lowest set bit and the index above
 * it; an imm5 without a set bit in its low four, and a size the encoding does not allow, have
 * no row. Pattern letters: q = Q, j = imm4 (INS element's source index), n/d = registers.
 */
final class Copy {
    private Copy() { }

    /** Every copy encoding. */
    enum Encoding implements Handler {
        DUP_element_scalar, DUP_element, DUP_general, INS_general, SMOV_32, SMOV_64, UMOV_32, UMOV_64,
        INS_element;

        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            CpuState s = cpu.state();
            int imm5 = u(insn, 16, 5);
            int size = Integer.numberOfTrailingZeros(imm5);
            int esize = 8 << size;
            int index = imm5 >>> (size + 1);
            int d = rd(insn);
            int n = rn(insn);
            boolean q = u(insn, 30, 1) == 1;
            switch (this) {
                case DUP_element_scalar -> VRegs.setScalar(s, d, esize, VRegs.get(s, n, index, esize));
                case DUP_element -> {
                    long r = replicate(VRegs.get(s, n, index, esize), esize);
                    VRegs.setVec(s, d, r, r, q);
                }
                case DUP_general -> {
                    long r = replicate(s.x(n), esize);
                    VRegs.setVec(s, d, r, r, q);
                }
                case INS_general -> VRegs.set(s, d, index, esize, s.x(n));
                case INS_element -> VRegs.set(s, d, index, esize, VRegs.get(s, n, u(insn, 11, 4) >>> size, esize));
                case SMOV_32 -> s.setW(d, (int) IntLane.sx(VRegs.get(s, n, index, esize), esize));
                case SMOV_64 -> s.setX(d, IntLane.sx(VRegs.get(s, n, index, esize), esize));
                default -> s.setX(d, VRegs.get(s, n, index, esize)); // UMOV: zero-extended
            }
        }
    }

    static void rows(DecodeTable t) {
        // Advanced SIMD scalar copy: 01 op 11110000 imm5 0 imm4 1 Rn Rd; only op 0, imm4 0000
        row(t, DUP_element_scalar, "01011110000 vwxyz 0 0000 1 nnnnn ddddd").reserved("wxyz", 0);

        // Advanced SIMD copy: 0 Q op 01110000 imm5 0 imm4 1 Rn Rd; 64-bit lanes need Q = 1
        // (DUP), W-register moves take bytes and halfwords (SMOV) or up to words (UMOV)
        row(t, DUP_element, "0q001110000 vwxyz 0 0000 1 nnnnn ddddd").reserved("wxyz", 0).reserved("qwxyz", 0b01000);
        row(t, DUP_general, "0q001110000 vwxyz 0 0001 1 nnnnn ddddd").reserved("wxyz", 0).reserved("qwxyz", 0b01000);
        row(t, INS_general, "01001110000 vwxyz 0 0011 1 nnnnn ddddd").reserved("wxyz", 0);
        row(t, SMOV_32, "00001110000 vwxyz 0 0101 1 nnnnn ddddd").reserved("yz", 0);
        row(t, SMOV_64, "01001110000 vwxyz 0 0101 1 nnnnn ddddd").reserved("xyz", 0);
        row(t, UMOV_32, "00001110000 vwxyz 0 0111 1 nnnnn ddddd").reserved("xyz", 0);
        row(t, UMOV_64, "01001110000 v1000 0 0111 1 nnnnn ddddd");
        row(t, INS_element, "01101110000 vwxyz 0 jjjj 1 nnnnn ddddd").reserved("wxyz", 0);
    }

    private static DecodeTable row(DecodeTable t, Encoding e, String pattern) {
        return t.add(e.name(), pattern, e);
    }

    /** {@code v}'s low {@code esize} bits repeated across 64 bits. */
    static long replicate(long v, int esize) {
        long r = v & VRegs.mask(esize);
        for (int w = esize; w < 64; w *= 2) {
            r |= r << w;
        }
        return r;
    }
}
