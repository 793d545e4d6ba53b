package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.sem.vec.IntLane;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/** AdvSIMD copy (DUP, INS, SMOV, UMOV), scalar copy (DUP element) and modified immediate. */
final class Copy {
    private Copy() { }

    static long replicate(long v, int esize) {
        long r = v & VRegs.mask(esize);
        for (int w = esize; w < 64; w *= 2) {
            r |= r << w;
        }
        return r;
    }

    static void copy(A64Cpu cpu, int insn) {
        int q = u(insn, 30, 1);
        int op = u(insn, 29, 1);
        int imm5 = u(insn, 16, 5);
        int imm4 = u(insn, 11, 4);
        int size = Integer.numberOfTrailingZeros(imm5);
        if (size > 3) {
            throw GuestException.undefined();
        }
        int esize = 8 << size;
        int index = imm5 >>> (size + 1);
        CpuState s = cpu.state();
        int d = rd(insn);
        int n = rn(insn);
        if (op == 1) {
            if (q == 0) {
                throw GuestException.undefined();
            }
            VRegs.set(s, d, index, esize, VRegs.get(s, n, imm4 >>> size, esize));
            return;
        }
        switch (imm4) {
            case 0 -> {
                if (size == 3 && q == 0) {
                    throw GuestException.undefined();
                }
                long r = replicate(VRegs.get(s, n, index, esize), esize);
                VRegs.setVec(s, d, r, r, q == 1);
            }
            case 1 -> {
                if (size == 3 && q == 0) {
                    throw GuestException.undefined();
                }
                long r = replicate(s.x(n), esize);
                VRegs.setVec(s, d, r, r, q == 1);
            }
            case 3 -> {
                if (q == 0) {
                    throw GuestException.undefined();
                }
                VRegs.set(s, d, index, esize, s.x(n));
            }
            case 5 -> {
                if (size == 3 || (size == 2 && q == 0)) {
                    throw GuestException.undefined();
                }
                long v = IntLane.sx(VRegs.get(s, n, index, esize), esize);
                if (q == 1) {
                    s.setX(d, v);
                } else {
                    s.setW(d, (int) v);
                }
            }
            case 7 -> {
                if (q == 1 ? size != 3 : size == 3) {
                    throw GuestException.undefined();
                }
                s.setX(d, VRegs.get(s, n, index, esize));
            }
            default -> throw GuestException.undefined();
        }
    }

    /** DUP (element), scalar form: op = 0, imm4 = 0000 only. */
    static void scalarDup(A64Cpu cpu, int insn) {
        int imm5 = u(insn, 16, 5);
        int size = Integer.numberOfTrailingZeros(imm5);
        if (size > 3 || u(insn, 29, 1) != 0 || u(insn, 11, 4) != 0) {
            throw GuestException.undefined();
        }
        int esize = 8 << size;
        CpuState s = cpu.state();
        VRegs.setScalar(s, rd(insn), esize, VRegs.get(s, rn(insn), imm5 >>> (size + 1), esize));
    }

    /** MOVI/MVNI/ORR/BIC/FMOV (vector, immediate): AdvSIMDExpandImm. */
    static void modifiedImmediate(A64Cpu cpu, int insn) {
        int q = u(insn, 30, 1);
        int op = u(insn, 29, 1);
        int cmode = u(insn, 12, 4);
        if (u(insn, 11, 1) != 0) {
            throw GuestException.undefined();
        }
        long imm8 = u(insn, 16, 3) << 5 | u(insn, 5, 5);
        long imm = expand(op, cmode, imm8, q);
        CpuState s = cpu.state();
        int d = rd(insn);
        boolean orr = (cmode < 12 && (cmode & 1) == 1);
        long lo;
        long hi;
        if (orr) {
            long m = op == 1 ? ~imm : imm;
            lo = op == 1 ? s.vlo[d] & m : s.vlo[d] | m;
            hi = op == 1 ? s.vhi[d] & m : s.vhi[d] | m;
        } else {
            boolean invert = op == 1 && cmode < 14;
            lo = invert ? ~imm : imm;
            hi = lo;
        }
        VRegs.setVec(s, d, lo, hi, q == 1);
    }

    static long expand(int op, int cmode, long imm8, int q) {
        return switch (cmode >>> 1) {
            case 0 -> replicate(imm8, 32);
            case 1 -> replicate(imm8 << 8, 32);
            case 2 -> replicate(imm8 << 16, 32);
            case 3 -> replicate(imm8 << 24, 32);
            case 4 -> replicate(imm8, 16);
            case 5 -> replicate(imm8 << 8, 16);
            case 6 -> (cmode & 1) == 0 ? replicate(imm8 << 8 | 0xFF, 32) : replicate(imm8 << 16 | 0xFFFF, 32);
            default -> {
                if ((cmode & 1) == 0) {
                    if (op == 0) {
                        yield replicate(imm8, 8);
                    }
                    long r = 0;
                    for (int i = 0; i < 8; i++) {
                        if (((imm8 >>> i) & 1) != 0) {
                            r |= 0xFFL << (8 * i);
                        }
                    }
                    yield r;
                }
                long b6 = (imm8 >>> 6) & 1;
                if (op == 0) {
                    long imm32 = (imm8 >>> 7) << 31 | (b6 ^ 1) << 30 | (b6 == 1 ? 0x1FL << 25 : 0) | (imm8 & 0x3F) << 19;
                    yield replicate(imm32, 32);
                }
                if (q == 0) {
                    throw GuestException.undefined();
                }
                yield (imm8 >>> 7) << 63 | (b6 ^ 1) << 62 | (b6 == 1 ? 0xFFL << 54 : 0) | (imm8 & 0x3F) << 48;
            }
        };
    }
}
