package org.emu4e.engine.cpu.a64.jit;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.sf;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;
import static org.objectweb.asm.Opcodes.*;

import java.util.Set;

import org.emu4e.engine.cpu.a64.decode.Bits;
import org.emu4e.engine.cpu.a64.sem.BitMasks;

/**
 * Bytecode for "Data processing -- immediate" rows (C4.1.65), the same semantics as
 * {@code insn.dpimm.DpImmediate}: immediates are decoded at translation time, so the code
 * left is the arithmetic itself.
 */
final class DpImmediateEmitter {
    /** The decode-table group of the rows below. */
    static final String GROUP = "Data processing -- immediate";
    /** The rows emitted here (see {@link EmitterTable}). */
    static final Set<String> ROWS = Set.of("ADR", "ADRP", "ADD_imm", "SUB_imm", "ADDS_imm", "SUBS_imm",
            "AND_imm_32", "AND_imm_64", "ORR_imm_32", "ORR_imm_64", "EOR_imm_32", "EOR_imm_64",
            "ANDS_imm_32", "ANDS_imm_64", "MOVZ_32", "MOVZ_64", "MOVN_32", "MOVN_64", "MOVK_32", "MOVK_64",
            "SBFM_32", "SBFM_64", "BFM_32", "BFM_64", "UBFM_32", "UBFM_64", "EXTR_32", "EXTR_64");

    private DpImmediateEmitter() { }

    /** Emits row {@code row} of instruction {@code i}; false if this row is not translated. */
    static boolean emit(Gen g, String row, int insn, int i) {
        switch (row) {
            case "ADR" -> {
                g.pushPcPlus(i, (Bits.s(insn, 5, 19) << 2) | u(insn, 29, 2));
                g.storeX(rd(insn));
            }
            case "ADRP" -> {
                g.pushPc(i);
                g.lconst(~0xFFFL);
                g.mv.visitInsn(LAND);
                g.lconst(((Bits.s(insn, 5, 19) << 2) | u(insn, 29, 2)) << 12);
                g.mv.visitInsn(LADD);
                g.storeX(rd(insn));
            }
            case "ADD_imm", "SUB_imm" -> {
                g.loadXsp(rn(insn));
                g.lconst(imm12(insn));
                g.mv.visitInsn(row.equals("ADD_imm") ? LADD : LSUB);
                if (!sf(insn)) {
                    g.zext32();
                }
                g.storeXsp(rd(insn));
            }
            case "ADDS_imm", "SUBS_imm" -> {
                g.loadXsp(rn(insn));
                g.mv.visitVarInsn(LSTORE, Gen.T0);
                g.lconst(imm12(insn));
                g.mv.visitVarInsn(LSTORE, Gen.T1);
                Flags.addSub(g, sf(insn), row.equals("SUBS_imm"), rd(insn));
            }
            case "AND_imm_32", "AND_imm_64", "ORR_imm_32", "ORR_imm_64", "EOR_imm_32", "EOR_imm_64",
                    "ANDS_imm_32", "ANDS_imm_64" -> {
                long imm = BitMasks.logicalImmediate(u(insn, 10, 13));
                if (imm == 0) {
                    return false; // reserved: the handler raises UNDEFINED
                }
                g.loadX(rn(insn));
                g.lconst(imm);
                g.mv.visitInsn(row.startsWith("ORR") ? LOR : row.startsWith("EOR") ? LXOR : LAND);
                if (row.startsWith("ANDS")) {
                    Flags.logical(g, sf(insn), rd(insn));
                } else {
                    if (!sf(insn)) {
                        g.zext32();
                    }
                    g.storeXsp(rd(insn));
                }
            }
            case "MOVZ_32", "MOVZ_64" -> {
                g.lconst((long) u(insn, 5, 16) << pos(insn));
                g.storeX(rd(insn));
            }
            case "MOVN_32", "MOVN_64" -> {
                long v = ~((long) u(insn, 5, 16) << pos(insn));
                g.lconst(sf(insn) ? v : v & 0xFFFF_FFFFL);
                g.storeX(rd(insn));
            }
            case "MOVK_32", "MOVK_64" -> {
                int p = pos(insn);
                g.loadX(rd(insn));
                g.lconst(~(0xFFFFL << p));
                g.mv.visitInsn(LAND);
                g.lconst((long) u(insn, 5, 16) << p);
                g.mv.visitInsn(LOR);
                if (!sf(insn)) {
                    g.zext32();
                }
                g.storeX(rd(insn));
            }
            case "SBFM_32", "SBFM_64", "BFM_32", "BFM_64", "UBFM_32", "UBFM_64" ->
                bitfield(g, insn, row.startsWith("SBFM"), row.startsWith("BFM"));
            case "EXTR_32", "EXTR_64" -> extr(g, insn);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static long imm12(int insn) {
        long imm = u(insn, 10, 12);
        return (insn & (1 << 22)) != 0 ? imm << 12 : imm;
    }

    private static int pos(int insn) {
        return u(insn, 21, 2) * 16;
    }

    /**
     * SBFM/BFM/UBFM with the masks of {@code DecodeBitMasks()} fixed at translation time:
     * result = (top AND NOT tmask) OR (bot AND tmask), bot = (dst AND NOT wmask) OR (ROR(src, r)
     * AND wmask), top = replicated src&lt;s&gt; (SBFM), dst (BFM) or 0 (UBFM).
     */
    private static void bitfield(Gen g, int insn, boolean extend, boolean keepDst) {
        int key = u(insn, 10, 13);
        int r = u(insn, 16, 6);
        int sBit = u(insn, 10, 6);
        boolean x = sf(insn);
        long wmask = BitMasks.bitfieldWmask(key);
        long tmask = BitMasks.bitfieldTmask(key);
        if (!x) {
            wmask &= 0xFFFF_FFFFL;
            tmask &= 0xFFFF_FFFFL;
        }
        // bot
        g.loadX(rn(insn));
        if (x) {
            g.iconst(r);
            g.mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "rotateRight", "(JI)J", false);
        } else {
            g.mv.visitInsn(L2I);
            g.iconst(r);
            g.mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "rotateRight", "(II)I", false);
            g.mv.visitInsn(I2L);
        }
        g.lconst(wmask);
        g.mv.visitInsn(LAND);
        if (keepDst) {
            g.loadX(rd(insn));
            g.lconst(~wmask);
            g.mv.visitInsn(LAND);
            g.mv.visitInsn(LOR);
        }
        g.lconst(tmask);
        g.mv.visitInsn(LAND);
        // top AND NOT tmask
        long notT = x ? ~tmask : ~tmask & 0xFFFF_FFFFL;
        if (extend) {
            g.loadX(rn(insn));
            g.iconst(sBit);
            g.mv.visitInsn(LUSHR);
            g.lconst(1);
            g.mv.visitInsn(LAND);
            g.mv.visitInsn(LNEG);
            g.lconst(notT);
            g.mv.visitInsn(LAND);
            g.mv.visitInsn(LOR);
        } else if (keepDst) {
            g.loadX(rd(insn));
            g.lconst(notT);
            g.mv.visitInsn(LAND);
            g.mv.visitInsn(LOR);
        }
        g.storeX(rd(insn));
    }

    private static void extr(Gen g, int insn) {
        int lsb = u(insn, 10, 6);
        boolean x = sf(insn);
        if (lsb == 0) {
            g.loadX(rm(insn));
            if (!x) {
                g.zext32();
            }
            g.storeX(rd(insn));
            return;
        }
        int width = x ? 64 : 32;
        g.loadX(rm(insn));
        if (!x) {
            g.zext32();
        }
        g.iconst(lsb);
        g.mv.visitInsn(LUSHR);
        g.loadX(rn(insn));
        g.iconst(width - lsb);
        g.mv.visitInsn(LSHL);
        g.mv.visitInsn(LOR);
        if (!x) {
            g.zext32();
        }
        g.storeX(rd(insn));
    }
}
