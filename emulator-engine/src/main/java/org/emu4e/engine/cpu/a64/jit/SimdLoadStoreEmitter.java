package org.emu4e.engine.cpu.a64.jit;

import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;
import static org.objectweb.asm.Opcodes.*;

import java.util.Set;

import org.emu4e.engine.cpu.a64.decode.Bits;
import org.objectweb.asm.Label;

/**
 * Bytecode for loads and stores of SIMD&amp;FP registers (C4.1.67 with V=1): LDR/STR/LDUR/STUR
 * of B/H/S/D/Q in the immediate, pre/post-index and register-offset forms, LDR (literal),
 * LDP/STP/LDNP/STNP of S/D/Q. The fast path is the general loads' ({@link LoadStoreEmitter}):
 * a data TLB hit of a naturally aligned access whose bytes lie in one page, straight to the
 * RAM buffer, the vector register written as {@code CpuState.vlo/vhi} (a Q register is two
 * little-endian doublewords, as interpreted). Anything else (TLB miss, unaligned, SIMD&amp;FP
 * trapped, SP misaligned, MMIO, faults) runs the row's handler with precise state. The
 * SIMD&amp;FP access check ({@code FpAccess}) is made at the first such instruction of a block.
 * Reserved encodings (UNDEFINED) are left to the handler.
 */
final class SimdLoadStoreEmitter {
    private static final String FP_ACCESS_T = "org/emu4e/engine/cpu/a64/insn/simd/FpAccess";
    // the rows of insn.simdldst.SimdLoadStoreGroup translated here
    private static final String UIMM = "LDST_fp_uimm";
    private static final String IMM9 = "LDST_fp_imm9";
    private static final String REGOFF = "LDST_fp_regoff";
    private static final String LITERAL = "LDR_lit_fp";
    private static final String PAIR = "LDSTP_fp";

    /** The decode-table group of the rows below. */
    static final String GROUP = "Loads and stores of SIMD&FP registers";
    /** The rows emitted here (see {@link EmitterTable}). */
    static final Set<String> ROWS = Set.of(UIMM, IMM9, REGOFF, LITERAL, PAIR);

    private SimdLoadStoreEmitter() { }

    static boolean emit(Gen g, String row, int insn, int i, Object handler) {
        return switch (row) {
            case UIMM, IMM9, REGOFF -> single(g, row, insn, i, handler);
            case LITERAL -> literal(g, insn, i, handler);
            case PAIR -> pair(g, insn, i, handler);
            default -> false;
        };
    }

    /** log2 of the access size (size, opc&lt;1&gt;), or -1 for a reserved encoding. */
    private static int scale(int insn) {
        int size = u(insn, 30, 2);
        if ((insn & (1 << 23)) != 0) {
            return size == 0 ? 4 : -1;
        }
        return size;
    }

    /** Branches to {@code slow} if SIMD&amp;FP is trapped (the handler then raises the trap). */
    static void checkFp(Gen g, Label slow) {
        if (g.fpChecked) {
            return;
        }
        g.mv.visitVarInsn(ALOAD, Gen.CPU);
        g.mv.visitMethodInsn(INVOKESTATIC, FP_ACCESS_T, "enabled", "(L" + Gen.CPU_T + ";)Z", false);
        g.mv.visitJumpInsn(IFEQ, slow);
    }

    private static boolean single(Gen g, String row, int insn, int i, Object handler) {
        int scale = scale(insn);
        int mode = u(insn, 10, 2);
        int option = u(insn, 13, 3);
        if (scale < 0 || (row.equals(IMM9) && mode == 2) || (row.equals(REGOFF) && (option & 2) == 0)) {
            return false;
        }
        int bytes = 1 << scale;
        boolean load = (insn & (1 << 22)) != 0;
        int t = insn & 31;
        int n = rn(insn);
        Label slow = new Label();
        Label done = new Label();
        checkFp(g, slow);
        LoadStoreEmitter.base(g, n);
        long wbOffset = 0;
        boolean writeBack = false;
        switch (row) {
            case UIMM -> LoadStoreEmitter.addToBase(g, (long) u(insn, 10, 12) << scale);
            case REGOFF -> {
                g.mv.visitVarInsn(LLOAD, Gen.T0);
                g.loadX(rm(insn));
                if (option == 2) {
                    g.zext32();
                } else if (option == 6) {
                    g.mv.visitInsn(L2I);
                    g.mv.visitInsn(I2L);
                }
                if ((insn & (1 << 12)) != 0 && scale != 0) {
                    g.iconst(scale);
                    g.mv.visitInsn(LSHL);
                }
                g.mv.visitInsn(LADD);
                g.mv.visitVarInsn(LSTORE, Gen.VA);
            }
            default -> {
                long off = Bits.s(insn, 12, 9);
                writeBack = mode != 0;
                if (mode == 1) {
                    LoadStoreEmitter.addToBase(g, 0);
                    wbOffset = off;
                } else {
                    LoadStoreEmitter.addToBase(g, off);
                }
            }
        }
        LoadStoreEmitter.checkSp(g, n, slow);
        LoadStoreEmitter.lookup(g, !load, bytes - 1, 0, slow);
        transfer(g, load, t, bytes, 0);
        if (writeBack) {
            LoadStoreEmitter.writeBackBase(g, n, wbOffset);
        }
        g.mv.visitJumpInsn(GOTO, done);
        LoadStoreEmitter.slowPath(g, slow, i, insn, handler, !load, -1, -1, writeBack ? n : -1);
        g.mv.visitLabel(done);
        g.fpChecked = true;
        if (!load) {
            g.leaveIfOverwritten(i);
        }
        return true;
    }

    private static boolean literal(Gen g, int insn, int i, Object handler) {
        int opc = u(insn, 30, 2);
        if (opc == 3) {
            return false;
        }
        int bytes = 4 << opc;
        Label slow = new Label();
        Label done = new Label();
        checkFp(g, slow);
        g.pushPcPlus(i, Bits.s(insn, 5, 19) << 2);
        g.mv.visitVarInsn(LSTORE, Gen.VA);
        LoadStoreEmitter.lookup(g, false, bytes - 1, 0, slow);
        transfer(g, true, insn & 31, bytes, 0);
        g.mv.visitJumpInsn(GOTO, done);
        LoadStoreEmitter.slowPath(g, slow, i, insn, handler, false, -1, -1, -1);
        g.mv.visitLabel(done);
        g.fpChecked = true;
        return true;
    }

    private static boolean pair(Gen g, int insn, int i, Object handler) {
        int opc = u(insn, 30, 2);
        if (opc == 3) {
            return false;
        }
        int bytes = 4 << opc;
        int mode = u(insn, 23, 2); // 00 no-allocate offset, 01 post, 10 offset, 11 pre
        boolean load = (insn & (1 << 22)) != 0;
        int t = insn & 31;
        int t2 = u(insn, 10, 5);
        int n = rn(insn);
        long offset = Bits.s(insn, 15, 7) * bytes;
        Label slow = new Label();
        Label done = new Label();
        checkFp(g, slow);
        LoadStoreEmitter.base(g, n);
        LoadStoreEmitter.addToBase(g, mode == 1 ? 0 : offset);
        LoadStoreEmitter.checkSp(g, n, slow);
        LoadStoreEmitter.lookup(g, !load, bytes - 1, 2 * bytes, slow);
        // Rt, then Rt2 (a load with Rt == Rt2 leaves the second value, as interpreted)
        transfer(g, load, t, bytes, 0);
        transfer(g, load, t2, bytes, bytes);
        if (mode == 1 || mode == 3) {
            LoadStoreEmitter.writeBackBase(g, n, mode == 1 ? offset : 0);
        }
        g.mv.visitJumpInsn(GOTO, done);
        LoadStoreEmitter.slowPath(g, slow, i, insn, handler, !load, -1, -1, mode == 1 || mode == 3 ? n : -1);
        g.mv.visitLabel(done);
        g.fpChecked = true;
        if (!load) {
            g.leaveIfOverwritten(i);
        }
        return true;
    }

    /**
     * One register's access at buffer offset + {@code at}. On entry (the first call after the
     * lookup) the stack holds (buffer, offset); they are kept in the RAM and IDX locals.
     */
    private static void transfer(Gen g, boolean load, int v, int bytes, int at) {
        var mv = g.mv;
        if (at == 0) {
            mv.visitVarInsn(ISTORE, Gen.IDX);
            mv.visitVarInsn(ASTORE, Gen.RAM);
        }
        int lowBytes = Math.min(bytes, 8);
        for (int half = 0; half < (bytes == 16 ? 2 : 1); half++) {
            String field = half == 0 ? "vlo" : "vhi";
            if (load) {
                vreg(g, field, v);
                bufferAt(g, at + 8 * half);
                LoadStoreEmitter.access(g, false, lowBytes);
                mv.visitInsn(LASTORE);
            } else {
                bufferAt(g, at + 8 * half);
                vreg(g, field, v);
                mv.visitInsn(LALOAD);
                LoadStoreEmitter.access(g, true, lowBytes);
            }
        }
        if (load && bytes < 16) {
            vreg(g, "vhi", v);
            mv.visitInsn(LCONST_0);
            mv.visitInsn(LASTORE);
        }
    }

    /** Pushes CpuState.{field} and the register index. */
    private static void vreg(Gen g, String field, int v) {
        g.mv.visitVarInsn(ALOAD, Gen.S);
        g.mv.visitFieldInsn(GETFIELD, Gen.STATE_T, field, "[J");
        g.iconst(v);
    }

    private static void bufferAt(Gen g, int at) {
        g.mv.visitVarInsn(ALOAD, Gen.RAM);
        g.mv.visitVarInsn(ILOAD, Gen.IDX);
        if (at != 0) {
            g.iconst(at);
            g.mv.visitInsn(IADD);
        }
    }
}
