package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.sem.fp.Fp;
import org.emu4e.engine.cpu.a64.sem.fp.FpArith;
import org.emu4e.engine.cpu.a64.sem.fp.FpCompare;
import org.emu4e.engine.cpu.a64.sem.fp.FpConvert;
import org.emu4e.engine.cpu.a64.sem.fp.FpEstimate;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/** AdvSIMD (scalar) two-register miscellaneous, floating-point opcodes. Key = U:size&lt;1&gt;:opcode. */
final class TwoRegMiscFp {
    private TwoRegMiscFp() { }

    static int key(int insn) { return u(insn, 29, 1) << 6 | u(insn, 23, 1) << 5 | u(insn, 12, 5); }

    private static FpOps.Op1 cvt(int rounding, boolean unsigned) {
        return (n, a, st) -> FpConvert.toFixed(n, a, 0, unsigned, n, rounding < 0 ? Fp.rounding(st.fpcr) : rounding, st);
    }

    static FpOps.Op1 op(int key) {
        return switch (key) {
            case 0x18 -> ScalarFp.frint(Fp.RN, false);
            case 0x19 -> ScalarFp.frint(Fp.RM, false);
            case 0x1A -> cvt(Fp.RN, false);
            case 0x1B -> cvt(Fp.RM, false);
            case 0x1C -> cvt(Fp.RA, false);
            case 0x1D -> (n, a, st) -> FpConvert.fromFixed(n, a, 0, false, n, Fp.rounding(st.fpcr), st);
            case 0x2C -> (n, a, st) -> FpCompare.ge(n, a, 0, true, st) ? -1 : 0;
            case 0x2D -> (n, a, st) -> FpCompare.eq(n, a, 0, st) ? -1 : 0;
            case 0x2E -> (n, a, st) -> FpCompare.ge(n, 0, a, true, st) ? -1 : 0;
            case 0x2F -> (n, a, st) -> Fp.abs(n, a);
            case 0x38 -> ScalarFp.frint(Fp.RP, false);
            case 0x39 -> ScalarFp.frint(Fp.RZ, false);
            case 0x3A -> cvt(Fp.RP, false);
            case 0x3B -> cvt(Fp.RZ, false);
            case 0x3C -> (n, a, st) -> FpEstimate.unsignedRecipEstimate(a);
            case 0x3D -> FpEstimate::recipEstimate;
            case 0x3F -> FpEstimate::recpx;
            case 0x58 -> ScalarFp.frint(Fp.RA, false);
            case 0x59 -> ScalarFp.frint(-1, true);
            case 0x5A -> cvt(Fp.RN, true);
            case 0x5B -> cvt(Fp.RM, true);
            case 0x5C -> cvt(Fp.RA, true);
            case 0x5D -> (n, a, st) -> FpConvert.fromFixed(n, a, 0, true, n, Fp.rounding(st.fpcr), st);
            case 0x6C -> (n, a, st) -> FpCompare.ge(n, a, 0, false, st) ? -1 : 0;
            case 0x6D -> (n, a, st) -> FpCompare.ge(n, 0, a, false, st) ? -1 : 0;
            case 0x6F -> (n, a, st) -> Fp.neg(n, a);
            case 0x79 -> ScalarFp.frint(-1, false);
            case 0x7A -> cvt(Fp.RP, true);
            case 0x7B -> cvt(Fp.RZ, true);
            case 0x7C -> (n, a, st) -> FpEstimate.unsignedRSqrtEstimate(a);
            case 0x7D -> FpEstimate::rsqrtEstimate;
            case 0x7F -> FpArith::sqrt;
            default -> null;
        };
    }

    static void vector(A64Cpu cpu, int insn) {
        int q = u(insn, 30, 1);
        int sz = u(insn, 22, 1);
        int key = key(insn);
        CpuState s = cpu.state();
        if (key == 0x16 || key == 0x56) {
            if (key == 0x56 && sz == 0) {
                throw GuestException.undefined();
            }
            int to = sz == 1 ? 32 : 16;
            long[] a = Lanes.read(s, rn(insn), 2 * to, 64 / to, 0);
            long[] r = Lanes.scratch(s, 1);
            int rounding = key == 0x56 ? Fp.RO : Fp.rounding(s.fpcr);
            for (int i = 0; i < 64 / to; i++) {
                r[i] = FpConvert.convert(2 * to, to, a[i], rounding, s);
            }
            TwoRegMisc.writePart(s, rd(insn), to, r, q);
            return;
        }
        if (key == 0x17) {
            int from = sz == 1 ? 32 : 16;
            long part = q == 1 ? s.vhi[rn(insn)] : s.vlo[rn(insn)];
            int count = 64 / from;
            long[] r = Lanes.scratch(s, 2);
            for (int i = 0; i < count; i++) {
                r[i] = FpConvert.convert(from, 2 * from, (part >>> (i * from)) & VRegs.mask(from), Fp.rounding(s.fpcr), s);
            }
            Lanes.write(s, rd(insn), 2 * from, r, count, true);
            return;
        }
        FpOps.Op1 op = op(key);
        boolean u32Only = key == 0x3C || key == 0x7C;
        if (op == null || key == 0x3F || (sz == 1 && (q == 0 || u32Only))) {
            throw GuestException.undefined();
        }
        int n = sz == 1 ? 64 : 32;
        int count = Lanes.count(q, n);
        long[] a = Lanes.read(s, rn(insn), n, count, 3);
        for (int i = 0; i < count; i++) {
            a[i] = op.apply(n, a[i], s);
        }
        Lanes.write(s, rd(insn), n, a, count, q == 1);
    }

    private static boolean scalarValid(int key) {
        return switch (key) {
            case 0x1A, 0x1B, 0x1C, 0x1D, 0x2C, 0x2D, 0x2E, 0x3A, 0x3B, 0x3D, 0x3F, 0x5A, 0x5B, 0x5C, 0x5D, 0x6C,
                0x6D, 0x7A, 0x7B, 0x7D -> true;
            default -> false;
        };
    }

    static void scalar(A64Cpu cpu, int insn) {
        int key = key(insn);
        int sz = u(insn, 22, 1);
        CpuState s = cpu.state();
        if (key == 0x56 && sz == 1) {
            long r = FpConvert.convert(64, 32, s.vlo[rn(insn)], Fp.RO, s);
            VRegs.setScalar(s, rd(insn), 32, r);
            return;
        }
        if (!scalarValid(key)) {
            throw GuestException.undefined();
        }
        int n = sz == 1 ? 64 : 32;
        long a = VRegs.get(s, rn(insn), 0, n);
        VRegs.setScalar(s, rd(insn), n, op(key).apply(n, a, s));
    }
}
