package org.emu4e.engine.cpu.a64.jit;

import static org.objectweb.asm.Opcodes.*;

import org.objectweb.asm.Label;

/**
 * NZCV in translated code, computed lazily. A flag-setting instruction (ADDS/SUBS/CMP/CMN,
 * ANDS/TST/BICS) only keeps its operands in the locals {@link Gen#FA} and {@link Gen#FB} and
 * records its kind ({@link Gen#lazy}); the flags themselves are materialised only where they
 * are observable: when written back to {@code CpuState.nzcv} (every exit, handler call and slow
 * path that may fault: see {@link Gen#writeBack}) and by readers that need the bits. So a
 * flag-setting instruction whose flags are overwritten before any read costs two register
 * moves. Materialising calls the interpreter's {@code sem.AddWithCarry} helpers, so both
 * engines compute NZCV with one code.
 *
 * <p>Conditions (B.cond, CSEL..., CCMP) are evaluated inline: after SUBS/CMP as a direct
 * compare of the operands (ConditionHolds() of AddWithCarry(a, NOT b, 1): EQ is a == b, CS is
 * a &gt;= b unsigned, GE is a &gt;= b signed, HI and GT the strict forms), after ANDS/TST from
 * the result (C = V = 0), otherwise as bit tests of the NZCV word (N=8, Z=4, C=2, V=1).
 */
final class Flags {
    private static final String AWC = "org/emu4e/engine/cpu/a64/sem/AddWithCarry";

    /** {@link Gen#lazy}: NZCV is in the local {@link Gen#NZCV}. */
    static final int NONE = 0;
    /** {@link Gen#lazy}: NZCV = AddWithCarry(FA, FB, 0) (ADDS/CMN). */
    static final int ADD = 1;
    /** {@link Gen#lazy}: NZCV = AddWithCarry(FA, NOT FB, 1) (SUBS/CMP). */
    static final int SUB = 2;
    /** {@link Gen#lazy}: N and Z of the result FA, C = V = 0 (ANDS/TST/BICS). */
    static final int LOGIC = 3;

    private Flags() { }

    /**
     * ADDS/SUBS of the operands in locals T0 (a) and T1 (b): NZCV = AddWithCarry(a, b or NOT b,
     * 0 or 1) (kept lazy), Rd (XZR-numbered) = the sum.
     */
    static void addSub(Gen g, boolean sf, boolean sub, int rd) {
        var mv = g.mv;
        mv.visitVarInsn(LLOAD, Gen.T0);
        mv.visitVarInsn(LSTORE, Gen.FA);
        mv.visitVarInsn(LLOAD, Gen.T1);
        mv.visitVarInsn(LSTORE, Gen.FB);
        g.setLazy(sub ? SUB : ADD, sf);
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

    /** CCMP/CCMN's compare: like {@link #addSub} without a destination, NZCV computed now. */
    static void addSubNow(Gen g, boolean sf, boolean sub) {
        addSub(g, sf, sub, 31);
        settle(g);
    }

    /**
     * ANDS/BICS: the long on the stack is the result; NZCV from it (C = V = 0, kept lazy), Rd
     * (XZR-numbered) = it, zero-extended for 32 bits.
     */
    static void logical(Gen g, boolean sf, int rd) {
        var mv = g.mv;
        if (!sf) {
            g.zext32();
        }
        mv.visitInsn(DUP2);
        mv.visitVarInsn(LSTORE, Gen.FA);
        g.setLazy(LOGIC, sf);
        g.storeX(rd);
    }

    /** Pushes the current NZCV word (materialised from the lazy operands if need be). */
    static void push(Gen g) {
        var mv = g.mv;
        boolean x = g.lazyWide;
        switch (g.lazy) {
            case ADD, SUB -> {
                boolean sub = g.lazy == SUB;
                mv.visitVarInsn(LLOAD, Gen.FA);
                if (!x) {
                    mv.visitInsn(L2I);
                }
                mv.visitVarInsn(LLOAD, Gen.FB);
                if (!x) {
                    mv.visitInsn(L2I);
                }
                if (sub) {
                    if (x) {
                        g.lconst(-1L);
                        mv.visitInsn(LXOR);
                    } else {
                        mv.visitInsn(ICONST_M1);
                        mv.visitInsn(IXOR);
                    }
                }
                mv.visitInsn(sub ? ICONST_1 : ICONST_0);
                mv.visitMethodInsn(INVOKESTATIC, AWC, x ? "flags64" : "flags32", x ? "(JJI)I" : "(III)I", false);
            }
            case LOGIC -> {
                mv.visitVarInsn(LLOAD, Gen.FA);
                if (x) {
                    mv.visitMethodInsn(INVOKESTATIC, AWC, "logicFlags64", "(J)I", false);
                } else {
                    mv.visitInsn(L2I);
                    mv.visitMethodInsn(INVOKESTATIC, AWC, "logicFlags32", "(I)I", false);
                }
            }
            default -> mv.visitVarInsn(ILOAD, Gen.NZCV);
        }
    }

    /** Materialises lazy flags into the local NZCV (no longer lazy; still dirty). */
    static void settle(Gen g) {
        if (g.lazy != NONE) {
            push(g);
            g.storeNzcv();
        }
    }

    /** Jumps to {@code target} if ConditionHolds(cond) (C1.2.4; AL and NV always hold). */
    static void jumpIf(Gen g, int cond, Label target) {
        test(g, cond, false, target);
    }

    /** Jumps to {@code target} unless ConditionHolds(cond). */
    static void jumpUnless(Gen g, int cond, Label target) {
        test(g, cond, true, target);
    }

    /** Pushes ConditionHolds(cond) as an int 0/1. */
    static void condition(Gen g, int cond) {
        Label holds = new Label();
        Label join = new Label();
        jumpIf(g, cond, holds);
        g.mv.visitInsn(ICONST_0);
        g.mv.visitJumpInsn(GOTO, join);
        g.mv.visitLabel(holds);
        g.mv.visitInsn(ICONST_1);
        g.mv.visitLabel(join);
    }

    // ---- condition tests ------------------------------------------------------------------

    /** Result of pushing a base test: a JVM conditional jump opcode, or one of these. */
    private static final int ALWAYS = -1;
    private static final int NEVER = -2;

    /**
     * Jumps to {@code target} if condition {@code cond} holds (or, with {@code negate}, if it
     * does not). ConditionHolds(): cond&lt;3:1&gt; picks the base test, cond&lt;0&gt; = 1
     * inverts it except for 1111 (NV, which holds like AL).
     */
    private static void test(Gen g, int cond, boolean negate, Label target) {
        int base = cond >>> 1;
        boolean invert = (cond & 1) != 0 && cond != 0xF;
        if (base != 7 && g.lazy == ADD && base != 0 && base != 2) {
            settle(g); // C and V of an addition: from the materialised word
        }
        int op = base == 7 ? ALWAYS
                : g.lazy == SUB ? afterSub(g, base)
                : g.lazy == LOGIC ? afterLogic(g, base)
                : g.lazy == ADD ? afterAdd(g, base)
                : fromWord(g, base);
        if (invert != negate) {
            op = op == ALWAYS ? NEVER : op == NEVER ? ALWAYS : not(op);
        }
        if (op == ALWAYS) {
            g.mv.visitJumpInsn(GOTO, target);
        } else if (op != NEVER) {
            g.mv.visitJumpInsn(op, target);
        }
    }

    /** The opposite JVM conditional jump (IFEQ..IF_ICMPLE come in complementary pairs). */
    private static int not(int op) {
        return ((op - IFEQ) ^ 1) + IFEQ;
    }

    /** Base tests after SUBS a - b: compares of the operands at the instruction's width. */
    private static int afterSub(Gen g, int base) {
        var mv = g.mv;
        boolean x = g.lazyWide;
        switch (base) {
            case 0, 5, 6 -> { // EQ: a == b; GE: a >= b signed; GT: a > b signed
                operands(g, false);
                return x ? lcmp(g, base == 0 ? IFEQ : base == 5 ? IFGE : IFGT)
                        : base == 0 ? IF_ICMPEQ : base == 5 ? IF_ICMPGE : IF_ICMPGT;
            }
            case 1, 4 -> { // CS: a >= b unsigned; HI: a > b unsigned
                operands(g, true);
                return x ? lcmp(g, base == 1 ? IFGE : IFGT) : base == 1 ? IF_ICMPGE : IF_ICMPGT;
            }
            case 2 -> { // MI: the difference is negative
                operands(g, false);
                mv.visitInsn(x ? LSUB : ISUB);
                return x ? lcmp0(g, IFLT) : IFLT;
            }
            default -> { // VS: (a XOR b) AND (a XOR (a - b)) is negative
                mv.visitVarInsn(LLOAD, Gen.FA);
                mv.visitVarInsn(LLOAD, Gen.FB);
                mv.visitInsn(LXOR);
                mv.visitVarInsn(LLOAD, Gen.FA);
                mv.visitVarInsn(LLOAD, Gen.FA);
                mv.visitVarInsn(LLOAD, Gen.FB);
                mv.visitInsn(LSUB);
                mv.visitInsn(LXOR);
                mv.visitInsn(LAND);
                if (!x) {
                    mv.visitInsn(L2I);
                    return IFLT;
                }
                return lcmp0(g, IFLT);
            }
        }
    }

    /** Base tests after ADDS a + b that need only the sum: EQ (zero), MI (negative). */
    private static int afterAdd(Gen g, int base) {
        var mv = g.mv;
        boolean x = g.lazyWide;
        operands(g, false);
        mv.visitInsn(x ? LADD : IADD);
        int op = base == 0 ? IFEQ : IFLT;
        return x ? lcmp0(g, op) : op;
    }

    /** Base tests after ANDS: N and Z from the result, C = V = 0. */
    private static int afterLogic(Gen g, int base) {
        var mv = g.mv;
        boolean x = g.lazyWide;
        if (base == 1 || base == 3 || base == 4) {
            return NEVER; // CS, VS, HI need C or V set
        }
        mv.visitVarInsn(LLOAD, Gen.FA);
        if (!x) {
            mv.visitInsn(L2I);
        }
        // EQ: r == 0; MI: r < 0; GE (N == V): r >= 0; GT (N == V and not Z): r > 0
        int op = base == 0 ? IFEQ : base == 2 ? IFLT : base == 5 ? IFGE : IFGT;
        return x ? lcmp0(g, op) : op;
    }

    /** Base tests of the NZCV word in its local. */
    private static int fromWord(Gen g, int base) {
        var mv = g.mv;
        mv.visitVarInsn(ILOAD, Gen.NZCV);
        switch (base) {
            case 0, 1, 2, 3 -> { // Z, C, N, V set
                g.iconst(base == 0 ? 4 : base == 1 ? 2 : base == 2 ? 8 : 1);
                mv.visitInsn(IAND);
                return IFNE;
            }
            case 4 -> { // HI: C set and Z clear
                g.iconst(6);
                mv.visitInsn(IAND);
                g.iconst(2);
                return IF_ICMPEQ;
            }
            default -> { // GE: N == V; GT: N == V and Z clear
                mv.visitInsn(DUP);
                g.iconst(3);
                mv.visitInsn(IUSHR);
                mv.visitInsn(IXOR);
                g.iconst(base == 5 ? 1 : 5);
                mv.visitInsn(IAND);
                return IFEQ;
            }
        }
    }

    /**
     * Pushes the lazy operands FA, FB at the instruction's width (ints for 32 bits); with
     * {@code unsigned}, biased by the sign bit so that a signed compare orders them unsigned.
     */
    private static void operands(Gen g, boolean unsigned) {
        var mv = g.mv;
        boolean x = g.lazyWide;
        for (int local : new int[] {Gen.FA, Gen.FB}) {
            mv.visitVarInsn(LLOAD, local);
            if (!x) {
                mv.visitInsn(L2I);
            }
            if (unsigned) {
                if (x) {
                    g.lconst(Long.MIN_VALUE);
                    mv.visitInsn(LXOR);
                } else {
                    g.iconst(Integer.MIN_VALUE);
                    mv.visitInsn(IXOR);
                }
            }
        }
    }

    /** Two longs on the stack: LCMP, then {@code op} tests the comparison. */
    private static int lcmp(Gen g, int op) {
        g.mv.visitInsn(LCMP);
        return op;
    }

    /** A long on the stack: compares it with 0, then {@code op} tests it. */
    private static int lcmp0(Gen g, int op) {
        g.mv.visitInsn(LCONST_0);
        g.mv.visitInsn(LCMP);
        return op;
    }
}
