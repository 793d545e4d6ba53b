package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;
import static org.emu4e.engine.cpu.a64.insn.simd.ByElement.Encoding.*;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.decode.DecodeTable;
import org.emu4e.engine.cpu.a64.decode.Handler;
import org.emu4e.engine.cpu.a64.sem.fp.Fp;
import org.emu4e.engine.cpu.a64.sem.fp.FpArith;
import org.emu4e.engine.cpu.a64.sem.vec.IntLane;
import org.emu4e.engine.cpu.a64.sem.vec.VRegs;

/**
 * AdvSIMD vector x indexed element and its scalar form (C4.1.69): integer, long,
 * saturating-doubling and FP forms; one row per encoding, named after its {@link Encoding}
 * constant, which is also its handler. Integer forms take halfwords and words; FP forms take
 * single and double precision, the double-precision index is H alone (L = 1 reserved) and a
 * double-precision vector needs Q = 1; reserved values have no row. Pattern letters: q = Q,
 * z = size, s = sz, l = L, m = M:Rm, h = H, n/d = registers.
 */
final class ByElement {
    private ByElement() { }

    /** Every by-element encoding with its U:opcode. */
    enum Encoding implements Handler {
        FMLA_elem(0x01), SMLAL_elem(0x02), SQDMLAL_elem(0x03), FMLS_elem(0x05), SMLSL_elem(0x06),
        SQDMLSL_elem(0x07), MUL_elem(0x08), FMUL_elem(0x09), SMULL_elem(0x0A), SQDMULL_elem(0x0B),
        SQDMULH_elem(0x0C), SQRDMULH_elem(0x0D),
        MLA_elem(0x10), UMLAL_elem(0x12), MLS_elem(0x14), UMLSL_elem(0x16), FMULX_elem(0x19),
        UMULL_elem(0x1A),
        FMLA_elem_scalar(0x01), SQDMLAL_elem_scalar(0x03), FMLS_elem_scalar(0x05),
        SQDMLSL_elem_scalar(0x07), FMUL_elem_scalar(0x09), SQDMULL_elem_scalar(0x0B),
        SQDMULH_elem_scalar(0x0C), SQRDMULH_elem_scalar(0x0D), FMULX_elem_scalar(0x19);

        private final int key;
        private final boolean scalar;

        Encoding(int key) {
            this.key = key;
            this.scalar = name().endsWith("_scalar");
        }

        @Override
        public void exec(A64Cpu cpu, int insn) {
            FpAccess.check(cpu);
            ByElement.exec(cpu, insn, key, scalar);
        }
    }

    static void rows(DecodeTable t) {
        // Advanced SIMD vector x indexed element: 0 Q U 01111 size L M Rm opcode H 0 Rn Rd
        fp(t, FMLA_elem, "0q001111 1s lm mmmm 0001 h0 nnnnn ddddd");
        integer(t, SMLAL_elem, "0q001111 zz lm mmmm 0010 h0 nnnnn ddddd");
        integer(t, SQDMLAL_elem, "0q001111 zz lm mmmm 0011 h0 nnnnn ddddd");
        fp(t, FMLS_elem, "0q001111 1s lm mmmm 0101 h0 nnnnn ddddd");
        integer(t, SMLSL_elem, "0q001111 zz lm mmmm 0110 h0 nnnnn ddddd");
        integer(t, SQDMLSL_elem, "0q001111 zz lm mmmm 0111 h0 nnnnn ddddd");
        integer(t, MUL_elem, "0q001111 zz lm mmmm 1000 h0 nnnnn ddddd");
        fp(t, FMUL_elem, "0q001111 1s lm mmmm 1001 h0 nnnnn ddddd");
        integer(t, SMULL_elem, "0q001111 zz lm mmmm 1010 h0 nnnnn ddddd");
        integer(t, SQDMULL_elem, "0q001111 zz lm mmmm 1011 h0 nnnnn ddddd");
        integer(t, SQDMULH_elem, "0q001111 zz lm mmmm 1100 h0 nnnnn ddddd");
        integer(t, SQRDMULH_elem, "0q001111 zz lm mmmm 1101 h0 nnnnn ddddd");
        integer(t, MLA_elem, "0q101111 zz lm mmmm 0000 h0 nnnnn ddddd");
        integer(t, UMLAL_elem, "0q101111 zz lm mmmm 0010 h0 nnnnn ddddd");
        integer(t, MLS_elem, "0q101111 zz lm mmmm 0100 h0 nnnnn ddddd");
        integer(t, UMLSL_elem, "0q101111 zz lm mmmm 0110 h0 nnnnn ddddd");
        fp(t, FMULX_elem, "0q101111 1s lm mmmm 1001 h0 nnnnn ddddd");
        integer(t, UMULL_elem, "0q101111 zz lm mmmm 1010 h0 nnnnn ddddd");

        // Advanced SIMD scalar x indexed element: 01 U 11111 size L M Rm opcode H 0 Rn Rd
        row(t, FMLA_elem_scalar, "01011111 1s lm mmmm 0001 h0 nnnnn ddddd").reserved("sl", 0b11);
        integer(t, SQDMLAL_elem_scalar, "01011111 zz lm mmmm 0011 h0 nnnnn ddddd");
        row(t, FMLS_elem_scalar, "01011111 1s lm mmmm 0101 h0 nnnnn ddddd").reserved("sl", 0b11);
        integer(t, SQDMLSL_elem_scalar, "01011111 zz lm mmmm 0111 h0 nnnnn ddddd");
        row(t, FMUL_elem_scalar, "01011111 1s lm mmmm 1001 h0 nnnnn ddddd").reserved("sl", 0b11);
        integer(t, SQDMULL_elem_scalar, "01011111 zz lm mmmm 1011 h0 nnnnn ddddd");
        integer(t, SQDMULH_elem_scalar, "01011111 zz lm mmmm 1100 h0 nnnnn ddddd");
        integer(t, SQRDMULH_elem_scalar, "01011111 zz lm mmmm 1101 h0 nnnnn ddddd");
        row(t, FMULX_elem_scalar, "01111111 1s lm mmmm 1001 h0 nnnnn ddddd").reserved("sl", 0b11);
    }

    private static DecodeTable row(DecodeTable t, Encoding e, String pattern) {
        return t.add(e.name(), pattern, e);
    }

    /** Integer rows: halfwords and words only. */
    private static void integer(DecodeTable t, Encoding e, String pattern) {
        row(t, e, pattern).reserved("z", 0).reserved("z", 0b11);
    }

    /** FP vector rows: no double precision with L = 1 or with Q = 0. */
    private static void fp(DecodeTable t, Encoding e, String pattern) {
        row(t, e, pattern).reserved("sl", 0b11).reserved("qs", 0b01);
    }

    private static void exec(A64Cpu cpu, int insn, int key, boolean scalar) {
        int q = scalar ? 0 : u(insn, 30, 1);
        int uu = key >>> 4;
        int size = u(insn, 22, 2);
        int l = u(insn, 21, 1);
        int mbit = u(insn, 20, 1);
        int rm = u(insn, 16, 4);
        int h = u(insn, 11, 1);
        CpuState s = cpu.state();
        boolean fp = key == 0x01 || key == 0x05 || key == 0x09 || key == 0x19;
        if (fp) {
            int n = size == 3 ? 64 : 32;
            int index = size == 3 ? h : h << 1 | l;
            long e = VRegs.get(s, mbit << 4 | rm, index, n);
            int count = scalar ? 1 : Lanes.count(q, n);
            long[] a = Lanes.read(s, rn(insn), n, count, 0);
            long[] d = Lanes.read(s, rd(insn), n, count, 1);
            for (int i = 0; i < count; i++) {
                a[i] = switch (key) {
                    case 0x01 -> FpArith.mulAdd(n, d[i], a[i], e, s);
                    case 0x05 -> FpArith.mulAdd(n, d[i], Fp.neg(n, a[i]), e, s);
                    case 0x09 -> FpArith.mul(n, a[i], e, s);
                    default -> FpArith.mulx(n, a[i], e, s);
                };
            }
            write(s, rd(insn), n, a, count, q, scalar);
            return;
        }
        int esize = 8 << size;
        int index = size == 1 ? h << 2 | l << 1 | mbit : h << 1 | l;
        int mreg = size == 1 ? rm : mbit << 4 | rm;
        long e = VRegs.get(s, mreg, index, esize);
        boolean isLong = switch (key) {
            case 0x02, 0x03, 0x06, 0x07, 0x0A, 0x0B, 0x12, 0x16, 0x1A -> true;
            default -> false;
        };
        if (isLong) {
            int count = scalar ? 1 : 64 / esize;
            long[] a = scalar ? Lanes.one(s, 2, VRegs.get(s, rn(insn), 0, esize)) : ThreeDiff.half(s, rn(insn), esize, q, 3);
            long[] d = Lanes.read(s, rd(insn), 2 * esize, count, 4);
            long[] r = Lanes.scratch(s, 5);
            int lkey = uu << 4 | (key == 0x02 || key == 0x12 ? 0x8 : key == 0x06 || key == 0x16 ? 0xA
                    : key == 0x0A || key == 0x1A ? 0xC : key == 0x03 ? 0x9 : key == 0x07 ? 0xB : 0xD);
            for (int i = 0; i < count; i++) {
                r[i] = ThreeDiff.longOp(lkey, esize, d[i], a[i], e, s);
            }
            if (scalar) {
                VRegs.setScalar(s, rd(insn), 2 * esize, r[0]);
            } else {
                Lanes.write(s, rd(insn), 2 * esize, r, count, true);
            }
            return;
        }
        int count = scalar ? 1 : Lanes.count(q, esize);
        long[] a = Lanes.read(s, rn(insn), esize, count, 6);
        long[] d = Lanes.read(s, rd(insn), esize, count, 7);
        for (int i = 0; i < count; i++) {
            a[i] = switch (key) {
                case 0x08 -> a[i] * e;
                case 0x10 -> d[i] + a[i] * e;
                case 0x14 -> d[i] - a[i] * e;
                case 0x0C -> IntLane.sqdmulh(esize, a[i], e, false, s);
                default -> IntLane.sqdmulh(esize, a[i], e, true, s);
            };
        }
        write(s, rd(insn), esize, a, count, q, scalar);
    }

    private static void write(CpuState s, int reg, int esize, long[] v, int count, int q, boolean scalar) {
        if (scalar) {
            VRegs.setScalar(s, reg, esize, v[0]);
        } else {
            Lanes.write(s, reg, esize, v, count, q == 1);
        }
    }
}
