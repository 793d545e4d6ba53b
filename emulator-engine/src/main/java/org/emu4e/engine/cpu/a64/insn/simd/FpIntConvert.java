package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.sem.fp.Fp;
import org.emu4e.engine.cpu.a64.sem.fp.FpConvert;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/**
 * C4.1.69 "Conversion between floating-point and integer" and "... and fixed-point":
 * FCVT{N,P,M,Z,A}{S,U}, SCVTF/UCVTF (with fbits) and FMOV (general).
 */
final class FpIntConvert {
    private FpIntConvert() { }

    private static final int[] RMODE = {Fp.RN, Fp.RP, Fp.RM, Fp.RZ};

    /** FP and integer, insn[21] = 1. */
    static void toFromInt(A64Cpu cpu, int insn) {
        int sf = insn >>> 31;
        int type = u(insn, 22, 2);
        int rmode = u(insn, 19, 2);
        int opcode = u(insn, 16, 3);
        if (opcode >= 6) {
            fmovGeneral(cpu, insn, sf, type, rmode, opcode == 7);
            return;
        }
        int n = ScalarFp.width(insn);
        int bits = sf == 1 ? 64 : 32;
        switch (opcode) {
            case 0, 1 -> toInt(cpu, insn, n, bits, opcode == 1, RMODE[rmode], 0);
            case 2, 3 -> {
                requireZero(rmode);
                fromInt(cpu, insn, n, bits, opcode == 3, 0);
            }
            default -> {
                requireZero(rmode);
                toInt(cpu, insn, n, bits, opcode == 5, Fp.RA, 0);
            }
        }
    }

    /** FP and fixed-point, insn[21] = 0: FCVTZS/FCVTZU (rmode 11) and SCVTF/UCVTF (rmode 00). */
    static void toFromFixed(A64Cpu cpu, int insn) {
        int sf = insn >>> 31;
        int scale = u(insn, 10, 6);
        int rmode = u(insn, 19, 2);
        int opcode = u(insn, 16, 3);
        if (sf == 0 && scale < 32) {
            throw GuestException.undefined();
        }
        int n = ScalarFp.width(insn);
        int bits = sf == 1 ? 64 : 32;
        int fbits = 64 - scale;
        if ((opcode == 0 || opcode == 1) && rmode == 3) {
            toInt(cpu, insn, n, bits, opcode == 1, Fp.RZ, fbits);
        } else if ((opcode == 2 || opcode == 3) && rmode == 0) {
            fromInt(cpu, insn, n, bits, opcode == 3, fbits);
        } else {
            throw GuestException.undefined();
        }
    }

    private static void requireZero(int rmode) {
        if (rmode != 0) {
            throw GuestException.undefined();
        }
    }

    private static void toInt(A64Cpu cpu, int insn, int n, int bits, boolean unsigned, int rounding, int fbits) {
        CpuState s = cpu.state();
        long v = FpConvert.toFixed(n, s.vlo[rn(insn)] & Fp.mask(n), fbits, unsigned, bits, rounding, s);
        s.setX(rd(insn), v);
    }

    private static void fromInt(A64Cpu cpu, int insn, int n, int bits, boolean unsigned, int fbits) {
        CpuState s = cpu.state();
        long v = FpConvert.fromFixed(n, s.x(rn(insn)), fbits, unsigned, bits, Fp.rounding(s.fpcr), s);
        VRegs.setScalar(s, rd(insn), n, v);
    }

    private static void fmovGeneral(A64Cpu cpu, int insn, int sf, int type, int rmode, boolean toFp) {
        CpuState s = cpu.state();
        int d = rd(insn);
        int r = rn(insn);
        if (sf == 0 && type == 0 && rmode == 0) {
            if (toFp) {
                VRegs.setScalar(s, d, 32, s.x(r));
            } else {
                s.setX(d, s.vlo[r] & 0xFFFF_FFFFL);
            }
        } else if (sf == 1 && type == 1 && rmode == 0) {
            if (toFp) {
                VRegs.setScalar(s, d, 64, s.x(r));
            } else {
                s.setX(d, s.vlo[r]);
            }
        } else if (sf == 1 && type == 2 && rmode == 1) {
            if (toFp) {
                s.vhi[d] = s.x(r);
            } else {
                s.setX(d, s.vhi[r]);
            }
        } else {
            throw GuestException.undefined();
        }
    }
}
