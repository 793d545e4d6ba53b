package org.emu4e.engine.cpu.a64.jit;

import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.rt2;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;
import static org.objectweb.asm.Opcodes.*;

import java.util.HashSet;
import java.util.Set;

import org.emu4e.engine.cpu.a64.decode.Bits;
import org.objectweb.asm.Label;

/**
 * Bytecode for general-register loads and stores (C4.1.67): single registers with immediate,
 * register and literal addressing, pairs, prefetch hints. Each access has two paths:
 * <ul>
 * <li>fast: the address hits the vCPU's {@link JitTlb} (aligned, same page, RAM, permission
 * already proven; for stores, neither code nor watched), and the access goes straight to the
 * RAM buffer ({@code JitRuntime.ld8} etc.);</li>
 * <li>slow: everything else (TLB miss, unaligned, SP misaligned, MMIO, faults) runs the
 * instruction's own interpreter handler with the registers written back and the PC set, so
 * faults, alignment rules and MMIO behave exactly as interpreted; the page is then entered in
 * the TLB.</li>
 * </ul>
 * Unprivileged forms (LDTR/STTR) use their handlers; exclusive and acquire/release forms are
 * {@link ExclusiveEmitter}'s.
 */
final class LoadStoreEmitter {
    private static final String BUF = "Ljava/nio/ByteBuffer;";
    private static final String LOAD_DESC = "(" + BUF + "I)J";
    private static final String STORE_DESC = "(" + BUF + "IJ)V";

    /** The decode-table group of the rows below. */
    static final String GROUP = "Loads and stores, general registers";
    /** The rows emitted here (see {@link EmitterTable}). */
    static final Set<String> ROWS = rows();

    private LoadStoreEmitter() { }

    /** Every addressing form of the single-register loads and stores, the pairs, literals and hints. */
    private static Set<String> rows() {
        Set<String> rows = new HashSet<>();
        for (String op : new String[] {"LDRB", "LDRH", "LDRSB_32", "LDRSB_64", "LDRSH_32", "LDRSH_64", "LDRSW",
                "LDR_32", "LDR_64", "STRB", "STRH", "STR_32", "STR_64"}) {
            for (String mode : new String[] {"_uimm", "_unscaled", "_pre", "_post", "_reg"}) {
                rows.add(op + mode);
            }
        }
        for (String op : new String[] {"LDP_32", "LDP_64", "STP_32", "STP_64", "LDPSW"}) {
            for (String mode : new String[] {"_off", "_pre", "_post"}) {
                rows.add(op + mode);
            }
        }
        rows.addAll(Set.of("LDNP_32", "LDNP_64", "STNP_32", "STNP_64", "LDR_lit_32", "LDR_lit_64", "LDRSW_lit",
                "PRFM_imm", "PRFM_lit", "PRFM_reg", "PRFUM"));
        return Set.copyOf(rows);
    }

    static boolean emit(Gen g, String row, int insn, int i, Object handler) {
        if (row.startsWith("PRFM") || row.equals("PRFUM")) {
            return true; // a hint without architectural effect
        }
        if (row.startsWith("LDP") || row.startsWith("STP") || row.startsWith("LDNP") || row.startsWith("STNP")) {
            pair(g, insn, i, handler);
            return true;
        }
        if (row.endsWith("_uimm") || row.endsWith("_unscaled") || row.endsWith("_pre") || row.endsWith("_post")
                || row.endsWith("_reg")) {
            single(g, row, insn, i, handler);
            return true;
        }
        if (row.startsWith("LDR_lit") || row.equals("LDRSW_lit")) {
            literal(g, row, insn, i, handler);
            return true;
        }
        return false;
    }

    // ---- single register ------------------------------------------------------------------

    private static void single(Gen g, String row, int insn, int i, Object handler) {
        int size = insn >>> 30;
        int bytes = 1 << size;
        int opc = (insn >>> 22) & 3;
        boolean store = opc == 0;
        int rt = insn & 31;
        int n = rn(insn);
        Label slow = new Label();
        Label done = new Label();
        base(g, n);
        long wbOffset = 0;
        boolean writeBack = false;
        if (row.endsWith("_uimm")) {
            addToBase(g, (long) u(insn, 10, 12) << size);
        } else if (row.endsWith("_reg")) {
            g.mv.visitVarInsn(LLOAD, Gen.T0);
            g.loadX(rm(insn));
            extend(g, u(insn, 13, 3), (insn & (1 << 12)) != 0 ? size : 0);
            g.mv.visitInsn(LADD);
            g.mv.visitVarInsn(LSTORE, Gen.VA);
        } else if (row.endsWith("_post")) {
            addToBase(g, 0);
            wbOffset = Bits.s(insn, 12, 9);
            writeBack = true;
        } else {
            addToBase(g, Bits.s(insn, 12, 9));
            writeBack = row.endsWith("_pre");
        }
        checkSp(g, n, slow);
        lookup(g, store, bytes - 1, false, slow);
        if (store) {
            g.loadX(rt);
            access(g, true, bytes);
        } else {
            access(g, false, bytes);
            if (opc >= 2) {
                signExtend(g, bytes);
                if (opc == 3) {
                    g.zext32();
                }
            }
            g.storeX(rt);
        }
        if (writeBack) {
            writeBackBase(g, n, wbOffset);
        }
        g.mv.visitJumpInsn(GOTO, done);
        slowPath(g, slow, i, insn, handler, store, rt, -1, n);
        g.mv.visitLabel(done);
        if (store) {
            g.leaveIfOverwritten(i);
        }
    }

    // ---- pairs ----------------------------------------------------------------------------

    private static void pair(Gen g, int insn, int i, Object handler) {
        int opc = insn >>> 30;
        boolean wide = opc == 2;
        boolean store = (insn & (1 << 22)) == 0;
        int rt = insn & 31;
        int rt2 = rt2(insn);
        int n = rn(insn);
        int mode = u(insn, 23, 3); // 000 no-allocate offset, 001 post, 010 offset, 011 pre
        long offset = Bits.s(insn, 15, 7) << (wide ? 3 : 2);
        Label slow = new Label();
        Label done = new Label();
        base(g, n);
        addToBase(g, mode == 1 ? 0 : offset);
        checkSp(g, n, slow);
        // 32-bit pairs are one 8-byte access (as interpreted); 64-bit ones two, in one page
        lookup(g, store, 7, wide, slow);
        if (wide) {
            g.mv.visitVarInsn(ISTORE, Gen.IDX); // buffer offset
            g.mv.visitVarInsn(ASTORE, Gen.RAM);
            for (int k = 0; k < 2; k++) {
                g.mv.visitVarInsn(ALOAD, Gen.RAM);
                g.mv.visitVarInsn(ILOAD, Gen.IDX);
                if (k == 1) {
                    g.iconst(8);
                    g.mv.visitInsn(IADD);
                }
                if (store) {
                    g.loadX(k == 0 ? rt : rt2);
                }
                access(g, store, 8);
            }
            if (!store) {
                // stack: v1, v2; Rt2 first so that Rt wins when they are equal
                g.storeX(rt2);
                g.storeX(rt);
            }
        } else if (store) {
            g.loadX(rt);
            g.zext32();
            g.loadX(rt2);
            g.iconst(32);
            g.mv.visitInsn(LSHL);
            g.mv.visitInsn(LOR);
            access(g, true, 8);
        } else {
            access(g, false, 8);
            g.mv.visitInsn(DUP2);
            g.iconst(32);
            g.mv.visitInsn(opc == 1 ? LSHR : LUSHR);
            g.storeX(rt2);
            if (opc == 1) {
                g.mv.visitInsn(L2I);
                g.mv.visitInsn(I2L);
            } else {
                g.zext32();
            }
            g.storeX(rt);
        }
        if (mode == 1 || mode == 3) {
            writeBackBase(g, n, mode == 1 ? offset : 0);
        }
        g.mv.visitJumpInsn(GOTO, done);
        slowPath(g, slow, i, insn, handler, store, rt, rt2, n);
        g.mv.visitLabel(done);
        if (store) {
            g.leaveIfOverwritten(i);
        }
    }

    // ---- literal --------------------------------------------------------------------------

    private static void literal(Gen g, String row, int insn, int i, Object handler) {
        int bytes = row.equals("LDR_lit_64") ? 8 : 4;
        int rt = insn & 31;
        Label slow = new Label();
        Label done = new Label();
        g.pushPcPlus(i, Bits.s(insn, 5, 19) << 2);
        g.mv.visitVarInsn(LSTORE, Gen.VA);
        lookup(g, false, bytes - 1, false, slow);
        access(g, false, bytes);
        if (row.equals("LDRSW_lit")) {
            g.mv.visitInsn(L2I);
            g.mv.visitInsn(I2L);
        }
        g.storeX(rt);
        g.mv.visitJumpInsn(GOTO, done);
        slowPath(g, slow, i, insn, handler, false, rt, -1, -1);
        g.mv.visitLabel(done);
    }

    // ---- shared shapes --------------------------------------------------------------------

    /** T0 = Xn|SP. */
    static void base(Gen g, int n) {
        g.loadXsp(n);
        g.mv.visitVarInsn(LSTORE, Gen.T0);
    }

    /** With SP as base (in T0), a misaligned SP goes to the slow path (its handler checks SCTLR.SA). */
    static void checkSp(Gen g, int n, Label slow) {
        if (n == 31) {
            g.mv.visitVarInsn(LLOAD, Gen.T0);
            g.lconst(15);
            g.mv.visitInsn(LAND);
            g.mv.visitInsn(LCONST_0);
            g.mv.visitInsn(LCMP);
            g.mv.visitJumpInsn(IFNE, slow);
        }
    }

    /** VA = T0 + offset. */
    /** Base write-back of a pre- or post-indexed access: Xn|SP = VA + {@code postOffset} (0 when pre-indexed). */
    static void writeBackBase(Gen g, int n, long postOffset) {
        g.mv.visitVarInsn(LLOAD, Gen.VA);
        if (postOffset != 0) {
            g.lconst(postOffset);
            g.mv.visitInsn(LADD);
        }
        g.storeXsp(n);
    }

    static void addToBase(Gen g, long offset) {
        g.mv.visitVarInsn(LLOAD, Gen.T0);
        if (offset != 0) {
            g.lconst(offset);
            g.mv.visitInsn(LADD);
        }
        g.mv.visitVarInsn(LSTORE, Gen.VA);
    }

    /**
     * The access of a TLB hit: (buffer, offset) on the stack, and the value for a store; a load
     * leaves the zero-extended value.
     */
    static void access(Gen g, boolean store, int bytes) {
        g.mv.visitMethodInsn(INVOKESTATIC, Gen.RT_T, (store ? "st" : "ld") + bytes, store ? STORE_DESC : LOAD_DESC,
                false);
    }

    /**
     * TLB probe for VA: on a hit leaves (RAM buffer, offset) on the stack, else jumps to
     * {@code slow}. {@code alignMask} must be clear in
     * VA; {@code sixteen}: VA..VA+15 must lie in the page (64-bit pairs).
     */
    static void lookup(Gen g, boolean store, int alignMask, boolean sixteen, Label slow) {
        lookup(g, store, alignMask, sixteen ? 16 : 0, slow);
    }

    /** As above; {@code span} bytes from VA must lie in the page (0: just the aligned access). */
    static void lookup(Gen g, boolean store, int alignMask, int span, Label slow) {
        var mv = g.mv;
        mv.visitVarInsn(LLOAD, Gen.VA);
        g.iconst(12);
        mv.visitInsn(LUSHR);
        mv.visitInsn(L2I);
        g.iconst(JitTlb.MASK);
        mv.visitInsn(IAND);
        mv.visitVarInsn(ISTORE, Gen.IDX);
        mv.visitVarInsn(ALOAD, Gen.TLB);
        mv.visitFieldInsn(GETFIELD, Gen.TLB_T, store ? "wtag" : "rtag", "[J");
        mv.visitVarInsn(ILOAD, Gen.IDX);
        mv.visitInsn(LALOAD);
        mv.visitVarInsn(LLOAD, Gen.VA);
        g.lconst(~0xFFFL | alignMask);
        mv.visitInsn(LAND);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, slow);
        if (span > alignMask + 1) {
            mv.visitVarInsn(LLOAD, Gen.VA);
            g.lconst(0xFFF);
            mv.visitInsn(LAND);
            g.lconst(0x1000 - span);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFGT, slow);
        }
        mv.visitVarInsn(ALOAD, Gen.TLB);
        mv.visitFieldInsn(GETFIELD, Gen.TLB_T, store ? "wbuf" : "rbuf", "[" + BUF);
        mv.visitVarInsn(ILOAD, Gen.IDX);
        mv.visitInsn(AALOAD);
        mv.visitVarInsn(LLOAD, Gen.VA);
        mv.visitVarInsn(ALOAD, Gen.TLB);
        mv.visitFieldInsn(GETFIELD, Gen.TLB_T, store ? "waddend" : "raddend", "[J");
        mv.visitVarInsn(ILOAD, Gen.IDX);
        mv.visitInsn(LALOAD);
        mv.visitInsn(LADD);
        mv.visitInsn(L2I);
    }

    /**
     * The full path: the interpreter handler with registers written back and the PC set; then
     * the registers it may have written are reloaded (general registers {@code rt}, {@code rt2},
     * {@code n}; -1 for none) and VA's page entered in the TLB.
     */
    static void slowPath(Gen g, Label slow, int i, int insn, Object handler, boolean store, int rt, int rt2,
            int n) {
        g.mv.visitLabel(slow);
        g.callHandler(i, insn, handler);
        if (rt >= 0) {
            g.reload(rt);
        }
        if (rt2 >= 0) {
            g.reload(rt2);
        }
        if (n >= 0) {
            g.reload(n);
        }
        g.mv.visitVarInsn(ALOAD, Gen.CPU);
        g.mv.visitVarInsn(ALOAD, Gen.TLB);
        g.mv.visitVarInsn(LLOAD, Gen.VA);
        g.mv.visitInsn(store ? ICONST_1 : ICONST_0);
        g.mv.visitMethodInsn(INVOKESTATIC, Gen.RT_T, "filled", "(L" + Gen.CPU_T + ";L" + Gen.TLB_T + ";JZ)V", false);
    }

    private static void signExtend(Gen g, int bytes) {
        g.mv.visitInsn(L2I);
        if (bytes == 1) {
            g.mv.visitInsn(I2B);
        } else if (bytes == 2) {
            g.mv.visitInsn(I2S);
        }
        g.mv.visitInsn(I2L);
    }

    /** ExtendReg for register offsets (option x1x: UXTW, LSL/UXTX, SXTW, SXTX). */
    private static void extend(Gen g, int option, int shift) {
        if (option == 2) {
            g.zext32();
        } else if (option == 6) {
            g.mv.visitInsn(L2I);
            g.mv.visitInsn(I2L);
        }
        if (shift != 0) {
            g.iconst(shift);
            g.mv.visitInsn(LSHL);
        }
    }
}
