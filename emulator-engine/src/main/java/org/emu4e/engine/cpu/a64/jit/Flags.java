package org.emu4e.engine.cpu.a64.jit;

import static org.objectweb.asm.Opcodes.*;

/**
 * NZCV-setting arithmetic, emitted as calls to the interpreter's {@code sem.AddWithCarry}
 * helpers (pure static methods HotSpot inlines), so both engines compute flags with one code.
 */
final class Flags {
    private static final String AWC = "org/emu4e/engine/cpu/a64/sem/AddWithCarry";

    private Flags() { }

    /**
     * ADDS/SUBS of the operands in locals T0 (a) and T1 (b): NZCV = AddWithCarry(a, b or NOT b,
     * 0 or 1), Rd (XZR-numbered) = the sum.
     */
    static void addSub(Gen g, boolean sf, boolean sub, int rd) {
        var mv = g.mv;
        mv.visitVarInsn(LLOAD, Gen.T0);
        if (!sf) {
            mv.visitInsn(L2I);
        }
        mv.visitVarInsn(LLOAD, Gen.T1);
        if (sf) {
            if (sub) {
                g.lconst(-1L);
                mv.visitInsn(LXOR);
            }
        } else {
            mv.visitInsn(L2I);
            if (sub) {
                mv.visitInsn(ICONST_M1);
                mv.visitInsn(IXOR);
            }
        }
        mv.visitInsn(sub ? ICONST_1 : ICONST_0);
        mv.visitMethodInsn(INVOKESTATIC, AWC, sf ? "flags64" : "flags32", sf ? "(JJI)I" : "(III)I", false);
        g.storeNzcv();
        if (rd == 31) {
            return;
        }
        mv.visitVarInsn(LLOAD, Gen.T0);
        mv.visitVarInsn(LLOAD, Gen.T1);
        mv.visitInsn(sub ? LSUB : LADD);
        if (!sf) {
            g.zext32();
        }
        g.storeX(rd);
    }

    /**
     * ANDS/BICS: the long on the stack is the result; NZCV from it (C = V = 0), Rd
     * (XZR-numbered) = it, zero-extended for 32 bits.
     */
    static void logical(Gen g, boolean sf, int rd) {
        var mv = g.mv;
        if (!sf) {
            g.zext32();
        }
        mv.visitInsn(DUP2);
        if (sf) {
            mv.visitMethodInsn(INVOKESTATIC, AWC, "logicFlags64", "(J)I", false);
        } else {
            mv.visitInsn(L2I);
            mv.visitMethodInsn(INVOKESTATIC, AWC, "logicFlags32", "(I)I", false);
        }
        g.storeNzcv();
        g.storeX(rd);
    }

    /** Pushes ConditionHolds(cond) as an int 0/1 from the cached NZCV. */
    static void condition(Gen g, int cond) {
        g.iconst(cond);
        g.loadNzcv();
        g.mv.visitMethodInsn(INVOKESTATIC, "org/emu4e/engine/cpu/a64/sem/Conditions", "holds", "(II)Z", false);
    }
}
