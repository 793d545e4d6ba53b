package org.emu4e.engine.cpu.a64.insn.simd;

import org.emu4e.engine.cpu.a64.decode.DecodeTable;
import org.emu4e.engine.cpu.a64.decode.Handler;
import org.emu4e.engine.cpu.a64.sem.fp.Fp;
import org.emu4e.engine.cpu.a64.sem.fp.FpArith;
import org.emu4e.engine.cpu.a64.sem.fp.FpCompare;

/**
 * Decode rows of the ARM ARM group "Data processing -- scalar floating-point and Advanced
 * SIMD (C4.1.69)". Every handler runs behind the SIMD&FP access check ({@link FpAccess}).
 * Pattern letters: t = ftype, m/n/d/a = registers, o = opcode bits decided in the handler.
 */
public final class SimdFpGroup {
    private SimdFpGroup() { }

    public static DecodeTable table() {
        DecodeTable t = new DecodeTable("Data processing -- scalar floating-point and Advanced SIMD (C4.1.69)");
        scalarFp(t);
        AdvSimdRows.add(t);
        return t;
    }

    private static void row(DecodeTable t, String name, String pattern, Handler h) {
        t.add(name, pattern, FpAccess.guarded(h));
    }

    private static void scalarFp(DecodeTable t) {
        // Floating-point data-processing (2 source).
        row(t, "FMUL_s", "00011110 tt1 mmmmm 0000 10 nnnnn ddddd", (c, i) -> ScalarFp.dp2(c, i, FpArith::mul));
        row(t, "FDIV_s", "00011110 tt1 mmmmm 0001 10 nnnnn ddddd", (c, i) -> ScalarFp.dp2(c, i, FpArith::div));
        row(t, "FADD_s", "00011110 tt1 mmmmm 0010 10 nnnnn ddddd", (c, i) -> ScalarFp.dp2(c, i, FpArith::add));
        row(t, "FSUB_s", "00011110 tt1 mmmmm 0011 10 nnnnn ddddd", (c, i) -> ScalarFp.dp2(c, i, FpArith::sub));
        row(t, "FMAX_s", "00011110 tt1 mmmmm 0100 10 nnnnn ddddd", (c, i) -> ScalarFp.dp2(c, i, FpCompare::max));
        row(t, "FMIN_s", "00011110 tt1 mmmmm 0101 10 nnnnn ddddd", (c, i) -> ScalarFp.dp2(c, i, FpCompare::min));
        row(t, "FMAXNM_s", "00011110 tt1 mmmmm 0110 10 nnnnn ddddd", (c, i) -> ScalarFp.dp2(c, i, FpCompare::maxNum));
        row(t, "FMINNM_s", "00011110 tt1 mmmmm 0111 10 nnnnn ddddd", (c, i) -> ScalarFp.dp2(c, i, FpCompare::minNum));
        row(t, "FNMUL_s", "00011110 tt1 mmmmm 1000 10 nnnnn ddddd", (c, i) -> ScalarFp.dp2(c, i, ScalarFp::fnmul));
        // Floating-point data-processing (1 source).
        row(t, "FMOV_s", "00011110 tt1 000000 10000 nnnnn ddddd", (c, i) -> ScalarFp.dp1(c, i, (n, a, st) -> a));
        row(t, "FABS_s", "00011110 tt1 000001 10000 nnnnn ddddd", (c, i) -> ScalarFp.dp1(c, i, (n, a, st) -> Fp.abs(n, a)));
        row(t, "FNEG_s", "00011110 tt1 000010 10000 nnnnn ddddd", (c, i) -> ScalarFp.dp1(c, i, (n, a, st) -> Fp.neg(n, a)));
        row(t, "FSQRT_s", "00011110 tt1 000011 10000 nnnnn ddddd", (c, i) -> ScalarFp.dp1(c, i, FpArith::sqrt));
        row(t, "FCVT_s", "00011110 tt1 0001oo 10000 nnnnn ddddd", ScalarFp::fcvt);
        row(t, "FRINTN_s", "00011110 tt1 001000 10000 nnnnn ddddd", (c, i) -> ScalarFp.dp1(c, i, ScalarFp.frint(Fp.RN, false)));
        row(t, "FRINTP_s", "00011110 tt1 001001 10000 nnnnn ddddd", (c, i) -> ScalarFp.dp1(c, i, ScalarFp.frint(Fp.RP, false)));
        row(t, "FRINTM_s", "00011110 tt1 001010 10000 nnnnn ddddd", (c, i) -> ScalarFp.dp1(c, i, ScalarFp.frint(Fp.RM, false)));
        row(t, "FRINTZ_s", "00011110 tt1 001011 10000 nnnnn ddddd", (c, i) -> ScalarFp.dp1(c, i, ScalarFp.frint(Fp.RZ, false)));
        row(t, "FRINTA_s", "00011110 tt1 001100 10000 nnnnn ddddd", (c, i) -> ScalarFp.dp1(c, i, ScalarFp.frint(Fp.RA, false)));
        row(t, "FRINTX_s", "00011110 tt1 001110 10000 nnnnn ddddd", (c, i) -> ScalarFp.dp1(c, i, ScalarFp.frint(-1, true)));
        row(t, "FRINTI_s", "00011110 tt1 001111 10000 nnnnn ddddd", (c, i) -> ScalarFp.dp1(c, i, ScalarFp.frint(-1, false)));
        // Compare, conditional compare, conditional select, immediate.
        row(t, "FCMP_s", "00011110 tt1 mmmmm 00 1000 nnnnn oo000", ScalarFp::fcmp);
        row(t, "FCCMP_s", "00011110 tt1 mmmmm cccc 01 nnnnn offff", ScalarFp::fccmp);
        row(t, "FCSEL_s", "00011110 tt1 mmmmm cccc 11 nnnnn ddddd", ScalarFp::fcsel);
        row(t, "FMOV_s_imm", "00011110 tt1 iiiiiiii 100 00000 ddddd", ScalarFp::fmovImm);
        // Floating-point data-processing (3 source).
        row(t, "FMADD_s", "00011111 tt0 mmmmm 0 aaaaa nnnnn ddddd", (c, i) -> ScalarFp.dp3(c, i, false, false));
        row(t, "FMSUB_s", "00011111 tt0 mmmmm 1 aaaaa nnnnn ddddd", (c, i) -> ScalarFp.dp3(c, i, false, true));
        row(t, "FNMADD_s", "00011111 tt1 mmmmm 0 aaaaa nnnnn ddddd", (c, i) -> ScalarFp.dp3(c, i, true, true));
        row(t, "FNMSUB_s", "00011111 tt1 mmmmm 1 aaaaa nnnnn ddddd", (c, i) -> ScalarFp.dp3(c, i, true, false));
        // Conversions with general registers.
        row(t, "FCVT_int", "s0011110 tt1 rr ooo 000000 nnnnn ddddd", FpIntConvert::toFromInt);
        row(t, "FCVT_fixed", "s0011110 tt0 rr ooo ssssss nnnnn ddddd", FpIntConvert::toFromFixed);
    }
}
