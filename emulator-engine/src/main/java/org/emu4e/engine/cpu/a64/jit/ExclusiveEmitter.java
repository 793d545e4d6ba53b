package org.emu4e.engine.cpu.a64.jit;

import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.rt2;
import static org.objectweb.asm.Opcodes.*;

import java.util.Set;

import org.objectweb.asm.Label;

/**
 * Bytecode for load/store exclusive and load-acquire / store-release (C4.1.67.1; C6.2 LDXR,
 * STXR, LDXP, STXP, LDAR, STLR and their acquire/release forms). The exclusives call the
 * interpreter's own operand helpers ({@code insn.ldst.Exclusive}: the same local and global
 * monitor, the same fences) in the {@link PreciseCall} shape: no write-back or reload on the
 * normal path, only the result registers stored. LDAR/STLR take the data TLB fast path with
 * the interpreter's fences around the access (acquire after the load; release before and a
 * full fence after the store) and fall back to their handler.
 */
final class ExclusiveEmitter {
    private static final String EXCL_T = "org/emu4e/engine/cpu/a64/insn/ldst/Exclusive";
    private static final String VH_T = "java/lang/invoke/VarHandle";

    /** The decode-table group of the rows below. */
    static final String GROUP = LoadStoreEmitter.GROUP;
    /** The rows emitted here (see {@link EmitterTable}); always inline. */
    static final Set<String> ROWS = Set.of("LDXR", "LDAXR", "STXR", "STLXR", "LDXP", "LDAXP", "STXP", "STLXP",
            "LDAR", "STLR");

    private ExclusiveEmitter() { }

    static void emit(Gen g, String row, int insn, int i, Object handler) {
        int bytes = 1 << (insn >>> 30);
        boolean ordered = (insn & (1 << 15)) != 0;
        boolean x = (insn & (1 << 30)) != 0;
        int rt = insn & 31;
        int n = rn(insn);
        switch (row) {
            case "LDXR", "LDAXR" -> {
                PreciseCall c = operands(g, n);
                g.iconst(bytes);
                g.iconst(ordered ? 1 : 0);
                call(g, "loadExclusive", "IZ)J");
                c.end(g, i);
                g.storeX(rt);
                PreciseCall.leaveIfPending(g, i, false);
            }
            case "STXR", "STLXR" -> {
                PreciseCall c = operands(g, n);
                g.iconst(bytes);
                g.loadX(rt);
                g.iconst(ordered ? 1 : 0);
                call(g, "storeExclusive", "IJZ)I");
                c.end(g, i);
                g.mv.visitInsn(I2L);
                g.storeX(rm(insn));
                PreciseCall.leaveIfPending(g, i, true);
            }
            case "LDXP", "LDAXP" -> {
                PreciseCall c = operands(g, n);
                g.iconst(x ? 1 : 0);
                g.iconst(ordered ? 1 : 0);
                call(g, "loadExclusivePair", "ZZ)J");
                c.end(g, i);
                // Rt, then Rt2 (Rt == Rt2 leaves the Rt2 value, as interpreted)
                if (x) {
                    g.storeX(rt);
                    g.mv.visitVarInsn(ALOAD, Gen.CPU);
                    g.mv.visitFieldInsn(GETFIELD, Gen.CPU_T, "exclusiveValueHigh", "J");
                } else {
                    g.mv.visitInsn(DUP2);
                    g.zext32();
                    g.storeX(rt);
                    g.iconst(32);
                    g.mv.visitInsn(LUSHR);
                }
                g.storeX(rt2(insn));
                PreciseCall.leaveIfPending(g, i, false);
            }
            case "STXP", "STLXP" -> {
                PreciseCall c = operands(g, n);
                g.iconst(x ? 1 : 0);
                g.loadX(rt);
                g.loadX(rt2(insn));
                g.iconst(ordered ? 1 : 0);
                call(g, "storeExclusivePair", "ZJJZ)I");
                c.end(g, i);
                g.mv.visitInsn(I2L);
                g.storeX(rm(insn));
                PreciseCall.leaveIfPending(g, i, true);
            }
            case "LDAR" -> loadAcquire(g, insn, i, handler, bytes, rt, n);
            case "STLR" -> storeRelease(g, insn, i, handler, bytes, rt, n);
            default -> throw new IllegalArgumentException(row);
        }
    }

    /** Opens the precise call and pushes cpu, n and the base (Xn or SP). */
    private static PreciseCall operands(Gen g, int n) {
        PreciseCall c = PreciseCall.begin(g);
        g.mv.visitVarInsn(ALOAD, Gen.CPU);
        g.iconst(n);
        g.loadXsp(n);
        return c;
    }

    private static void call(Gen g, String name, String descTail) {
        g.mv.visitMethodInsn(INVOKESTATIC, EXCL_T, name, "(L" + Gen.CPU_T + ";IJ" + descTail, false);
    }

    /** LDAR: aligned TLB hit, the load, an acquire fence (as {@code Exclusive.loadAcquire}). */
    private static void loadAcquire(Gen g, int insn, int i, Object handler, int bytes, int rt, int n) {
        Label slow = new Label();
        Label done = new Label();
        LoadStoreEmitter.base(g, n);
        LoadStoreEmitter.addToBase(g, 0);
        LoadStoreEmitter.checkSp(g, n, slow);
        LoadStoreEmitter.lookup(g, false, bytes - 1, false, slow);
        LoadStoreEmitter.access(g, false, bytes);
        g.mv.visitMethodInsn(INVOKESTATIC, VH_T, "acquireFence", "()V", false);
        g.storeX(rt);
        g.mv.visitJumpInsn(GOTO, done);
        LoadStoreEmitter.slowPath(g, slow, i, insn, handler, false, rt, -1, -1);
        g.mv.visitLabel(done);
    }

    /** STLR: a release fence, aligned TLB hit, the store, a full fence (as {@code Exclusive.storeRelease}). */
    private static void storeRelease(Gen g, int insn, int i, Object handler, int bytes, int rt, int n) {
        Label slow = new Label();
        Label done = new Label();
        LoadStoreEmitter.base(g, n);
        LoadStoreEmitter.addToBase(g, 0);
        LoadStoreEmitter.checkSp(g, n, slow);
        LoadStoreEmitter.lookup(g, true, bytes - 1, false, slow);
        g.mv.visitMethodInsn(INVOKESTATIC, VH_T, "releaseFence", "()V", false);
        g.loadX(rt);
        LoadStoreEmitter.access(g, true, bytes);
        g.mv.visitMethodInsn(INVOKESTATIC, VH_T, "fullFence", "()V", false);
        g.mv.visitJumpInsn(GOTO, done);
        LoadStoreEmitter.slowPath(g, slow, i, insn, handler, true, rt, -1, -1);
        g.mv.visitLabel(done);
        g.leaveIfOverwritten(i);
    }
}
