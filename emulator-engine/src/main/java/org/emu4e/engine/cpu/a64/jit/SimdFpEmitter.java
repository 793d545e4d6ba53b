package org.emu4e.engine.cpu.a64.jit;

import static org.objectweb.asm.Opcodes.*;

import org.objectweb.asm.Label;

/**
 * Scalar floating-point and Advanced SIMD data processing (C4.1.69) in translated blocks.
 * FMOV (general) and the vector logical operations are emitted inline; for the others the
 * row's handler (the interpreter's semantics, behind the SIMD&amp;FP access check) is called in
 * the {@link PreciseCall} shape instead of {@code Gen.callHandler}: these instructions touch no
 * memory, the PC, exits or interrupts, so there is no PC or write-back on the normal path, no
 * reload, no check for the dispatcher afterwards. What a handler can observe of the general
 * registers is decided by the encoding (not the row name), so a table change cannot make it
 * read a stale register:
 * <ul>
 * <li>conversions between FP and general registers (FMOV, FCVTZS, SCVTF...) and the AdvSIMD
 * copy class (DUP/INS from a general register, SMOV, UMOV) read or write X registers: the
 * dirty registers are written back before and Rd is reloaded after;</li>
 * <li>FCSEL and FCCMP read NZCV, FCMP and FCCMP write it: written back before, and all
 * reloaded after a write;</li>
 * <li>everything else reads and writes only vector registers, FPCR and FPSR.</li>
 * </ul>
 */
final class SimdFpEmitter {
    private enum Touch { VECTOR_ONLY, GENERAL, READS_FLAGS, WRITES_FLAGS }

    /** The decode-table group emitted here, every row of it (see {@link EmitterTable}). */
    static final String GROUP = "Data processing -- scalar floating-point and Advanced SIMD";

    private SimdFpEmitter() { }

    static boolean emit(Gen g, int insn, int i, Object handler) {
        if (isFmovGeneral(insn) || isVectorLogic(insn)) {
            inline(g, insn, i, handler);
            return true;
        }
        Touch touch = touch(insn);
        if (touch != Touch.VECTOR_ONLY) {
            g.writeBack();
        }
        PreciseCall c = PreciseCall.begin(g);
        g.constant(handler, Gen.HANDLER_T);
        g.mv.visitVarInsn(ALOAD, Gen.CPU);
        g.iconst(insn);
        g.mv.visitMethodInsn(INVOKEINTERFACE, Gen.HANDLER_T, "exec", "(L" + Gen.CPU_T + ";I)V", true);
        c.end(g, i);
        if (touch == Touch.GENERAL) {
            g.reload(insn & 31);
        } else if (touch == Touch.WRITES_FLAGS) {
            g.reloadAll();
        }
        return true;
    }

    // ---- inline forms -------------------------------------------------------------------

    private static final String VEC_LOGIC_T = "org/emu4e/engine/cpu/a64/sem/vec/VecLogic";

    /** FMOV (general), C7.2: 32/64-bit and top-half forms, opcode 11x (half precision not in ARMv8.0). */
    private static boolean isFmovGeneral(int insn) {
        if ((insn & 0x7F26_FC00) != 0x1E26_0000) {
            return false; // not sf 0 0 11110 type 1 rmode 11x 000000
        }
        int form = insn >>> 31 << 4 | ((insn >>> 22) & 3) << 2 | ((insn >>> 19) & 3);
        return form == 0b0_00_00 || form == 0b1_01_00 || form == 0b1_10_01;
    }

    /** AND, BIC, ORR, ORN, EOR, BSL, BIT, BIF (vector), C4.1.69 three same, opcode 00011. */
    private static boolean isVectorLogic(int insn) {
        return (insn & 0x9F20_FC00) == 0x0E20_1C00;
    }

    /**
     * The inline forms: plain moves between locals and {@code CpuState.vlo/vhi}, or the
     * interpreter's {@link org.emu4e.engine.cpu.a64.sem.vec.VecLogic} per half. The SIMD&amp;FP
     * access check runs at the block's first such instruction; trapped, the handler raises it.
     */
    private static void inline(Gen g, int insn, int i, Object handler) {
        Label slow = new Label();
        Label done = new Label();
        boolean check = !g.fpChecked;
        SimdLoadStoreEmitter.checkFp(g, slow);
        int d = insn & 31;
        int n = (insn >>> 5) & 31;
        if (isFmovGeneral(insn)) {
            boolean toFp = (insn & (1 << 16)) != 0;
            boolean top = ((insn >>> 22) & 3) == 2;
            boolean w = insn >= 0;
            if (toFp) {
                if (!top) {
                    vreg(g, "vhi", d);
                    g.mv.visitInsn(LCONST_0);
                    g.mv.visitInsn(LASTORE);
                }
                vreg(g, top ? "vhi" : "vlo", d);
                g.loadX(n);
                if (w) {
                    g.zext32();
                }
                g.mv.visitInsn(LASTORE);
            } else {
                vreg(g, top ? "vhi" : "vlo", n);
                g.mv.visitInsn(LALOAD);
                if (w) {
                    g.zext32();
                }
                g.storeX(d);
            }
        } else {
            int op = (insn >>> 29 & 1) << 2 | ((insn >>> 22) & 3);
            int m = (insn >>> 16) & 31;
            boolean q = (insn & (1 << 30)) != 0;
            for (String half : q ? new String[] {"vlo", "vhi"} : new String[] {"vlo"}) {
                vreg(g, half, d);
                g.iconst(op);
                for (int r : new int[] {d, n, m}) {
                    vreg(g, half, r);
                    g.mv.visitInsn(LALOAD);
                }
                g.mv.visitMethodInsn(INVOKESTATIC, VEC_LOGIC_T, "half", "(IJJJ)J", false);
                g.mv.visitInsn(LASTORE);
            }
            if (!q) {
                vreg(g, "vhi", d);
                g.mv.visitInsn(LCONST_0);
                g.mv.visitInsn(LASTORE);
            }
        }
        if (check) {
            g.mv.visitJumpInsn(GOTO, done);
            g.mv.visitLabel(slow);
            g.callHandler(i, insn, handler); // raises the trap
            g.reload(d);
            g.mv.visitLabel(done);
        }
        g.fpChecked = true;
    }

    /** Pushes CpuState.{field} and the register index. */
    private static void vreg(Gen g, String field, int v) {
        g.mv.visitVarInsn(ALOAD, Gen.S);
        g.mv.visitFieldInsn(GETFIELD, Gen.STATE_T, field, "[J");
        g.iconst(v);
    }

    /** Which architectural state outside the vector registers the encoding may use (C4.1.69 classes). */
    private static Touch touch(int insn) {
        if ((insn & 0x5F20_FC00) == 0x1E20_0000 || (insn & 0x5F20_0000) == 0x1E00_0000) {
            return Touch.GENERAL; // conversion between FP and integer, FP and fixed-point
        }
        if ((insn & 0x9FE0_8400) == 0x0E00_0400) {
            return Touch.GENERAL; // AdvSIMD copy
        }
        if ((insn & 0xFF20_0C00) == 0x1E20_0C00) {
            return Touch.READS_FLAGS; // FCSEL
        }
        if ((insn & 0xFF20_FC07) == 0x1E20_2000 || (insn & 0xFF20_0C00) == 0x1E20_0400) {
            return Touch.WRITES_FLAGS; // FCMP, FCMPE; FCCMP, FCCMPE (read NZCV too)
        }
        return Touch.VECTOR_ONLY;
    }
}
