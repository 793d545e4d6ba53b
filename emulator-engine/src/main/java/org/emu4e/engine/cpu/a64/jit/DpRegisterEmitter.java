package org.emu4e.engine.cpu.a64.jit;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.sf;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;
import static org.objectweb.asm.Opcodes.*;

import java.util.Set;

import org.objectweb.asm.Label;

/**
 * Bytecode for the common "Data processing -- register" rows (C4.1.68), the same semantics
 * as {@code insn.dpreg}: shift types, amounts, extends and conditions are fixed at translation
 * time. ADC/SBC, CLS, REV16/REV32, SMULH/UMULH and CRC32 go to their interpreter handlers.
 */
final class DpRegisterEmitter {
    /** The decode-table group of the rows below. */
    static final String GROUP = "Data processing -- register";
    /** The rows emitted here (see {@link EmitterTable}). */
    static final Set<String> ROWS = Set.of(
            "AND_shift_32", "AND_shift_64", "BIC_shift_32", "BIC_shift_64", "ORR_shift_32", "ORR_shift_64",
            "ORN_shift_32", "ORN_shift_64", "EOR_shift_32", "EOR_shift_64", "EON_shift_32", "EON_shift_64",
            "ANDS_shift_32", "ANDS_shift_64", "BICS_shift_32", "BICS_shift_64",
            "ADD_shift_32", "ADD_shift_64", "SUB_shift_32", "SUB_shift_64",
            "ADDS_shift_32", "ADDS_shift_64", "SUBS_shift_32", "SUBS_shift_64",
            "ADD_ext", "SUB_ext", "ADDS_ext", "SUBS_ext", "CSEL", "CSINC", "CSINV", "CSNEG",
            "CCMN_reg", "CCMP_reg", "CCMN_imm", "CCMP_imm", "MADD", "MSUB", "SMADDL", "SMSUBL", "UMADDL", "UMSUBL",
            "LSLV", "LSRV", "ASRV", "RORV", "UDIV", "SDIV", "CLZ", "RBIT", "REV_32", "REV_64");
    private static final String DIV = "org/emu4e/engine/cpu/a64/sem/Divide";

    private DpRegisterEmitter() { }

    static boolean emit(Gen g, String row, int insn) {
        boolean x = sf(insn);
        String base = row.replace("_32", "").replace("_64", "");
        switch (base) {
            case "AND_shift", "BIC_shift", "ORR_shift", "ORN_shift", "EOR_shift", "EON_shift", "ANDS_shift",
                    "BICS_shift" -> {
                g.loadX(rn(insn));
                shifted(g, insn, x);
                if ((insn & (1 << 21)) != 0) { // N: invert operand 2
                    g.lconst(-1L);
                    g.mv.visitInsn(LXOR);
                }
                int opc = u(insn, 29, 2);
                g.mv.visitInsn(opc == 1 ? LOR : opc == 2 ? LXOR : LAND);
                if (opc == 3) {
                    Flags.logical(g, x, rd(insn));
                } else {
                    if (!x) {
                        g.zext32();
                    }
                    g.storeX(rd(insn));
                }
            }
            case "ADD_shift", "SUB_shift", "ADDS_shift", "SUBS_shift" -> {
                g.loadX(rn(insn));
                g.mv.visitVarInsn(LSTORE, Gen.T0);
                shifted(g, insn, x);
                g.mv.visitVarInsn(LSTORE, Gen.T1);
                addSub(g, row.startsWith("SUB"), base.contains("S_"), x, rd(insn), false);
            }
            case "ADD_ext", "SUB_ext", "ADDS_ext", "SUBS_ext" -> {
                g.loadXsp(rn(insn));
                g.mv.visitVarInsn(LSTORE, Gen.T0);
                g.loadX(rm(insn));
                extend(g, u(insn, 13, 3), u(insn, 10, 3));
                g.mv.visitVarInsn(LSTORE, Gen.T1);
                boolean flags = base.contains("S_");
                addSub(g, row.startsWith("SUB"), flags, x, rd(insn), !flags);
            }
            case "CSEL", "CSINC", "CSINV", "CSNEG" -> {
                Label otherwise = new Label();
                Label join = new Label();
                Flags.jumpUnless(g, u(insn, 12, 4), otherwise);
                g.loadX(rn(insn));
                g.mv.visitJumpInsn(GOTO, join);
                g.mv.visitLabel(otherwise);
                g.loadX(rm(insn));
                switch (base) {
                    case "CSINC" -> {
                        g.mv.visitInsn(LCONST_1);
                        g.mv.visitInsn(LADD);
                    }
                    case "CSINV" -> {
                        g.lconst(-1L);
                        g.mv.visitInsn(LXOR);
                    }
                    case "CSNEG" -> g.mv.visitInsn(LNEG);
                    default -> { }
                }
                g.mv.visitLabel(join);
                if (!x) {
                    g.zext32();
                }
                g.storeX(rd(insn));
            }
            case "CCMN_reg", "CCMP_reg", "CCMN_imm", "CCMP_imm" -> {
                Label otherwise = new Label();
                Label join = new Label();
                Flags.jumpUnless(g, u(insn, 12, 4), otherwise);
                g.loadX(rn(insn));
                g.mv.visitVarInsn(LSTORE, Gen.T0);
                if (base.endsWith("_reg")) {
                    g.loadX(rm(insn));
                } else {
                    g.lconst(u(insn, 16, 5));
                }
                g.mv.visitVarInsn(LSTORE, Gen.T1);
                Flags.addSubNow(g, x, base.startsWith("CCMP")); // both paths leave NZCV in its local
                g.mv.visitJumpInsn(GOTO, join);
                g.mv.visitLabel(otherwise);
                g.iconst(insn & 0xF);
                g.storeNzcv();
                g.mv.visitLabel(join);
            }
            case "MADD", "MSUB", "SMADDL", "SMSUBL", "UMADDL", "UMSUBL" -> {
                g.loadX(u(insn, 10, 5));
                g.loadX(rn(insn));
                widen(g, base);
                g.loadX(rm(insn));
                widen(g, base);
                g.mv.visitInsn(LMUL);
                g.mv.visitInsn(base.contains("SUB") ? LSUB : LADD);
                if (!x && base.length() == 4) {
                    g.zext32();
                }
                g.storeX(rd(insn));
            }
            case "LSLV", "LSRV", "ASRV", "RORV" -> {
                int type = u(insn, 10, 2);
                g.loadX(rn(insn));
                if (!x) {
                    g.mv.visitInsn(L2I);
                }
                g.loadX(rm(insn));
                g.mv.visitInsn(L2I);
                shiftOp(g, x, type);
                if (!x) {
                    g.mv.visitInsn(I2L);
                    g.zext32();
                }
                g.storeX(rd(insn));
            }
            case "UDIV", "SDIV" -> {
                String m = (base.equals("UDIV") ? "udiv" : "sdiv") + (x ? "64" : "32");
                g.loadX(rn(insn));
                if (!x) {
                    g.mv.visitInsn(L2I);
                }
                g.loadX(rm(insn));
                if (!x) {
                    g.mv.visitInsn(L2I);
                }
                g.mv.visitMethodInsn(INVOKESTATIC, DIV, m, x ? "(JJ)J" : "(II)I", false);
                if (!x) {
                    g.mv.visitInsn(I2L);
                    g.zext32();
                }
                g.storeX(rd(insn));
            }
            case "CLZ", "RBIT", "REV" -> {
                String name = base.equals("CLZ") ? "numberOfLeadingZeros" : base.equals("RBIT") ? "reverse" : "reverseBytes";
                g.loadX(rn(insn));
                if (x) {
                    g.mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", name, base.equals("CLZ") ? "(J)I" : "(J)J", false);
                    if (base.equals("CLZ")) {
                        g.mv.visitInsn(I2L);
                    }
                } else {
                    g.mv.visitInsn(L2I);
                    g.mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", name, "(I)I", false);
                    g.mv.visitInsn(I2L);
                    g.zext32();
                }
                g.storeX(rd(insn));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** SMADDL/SMSUBL sign-extend the 32-bit sources, UMADDL/UMSUBL zero-extend them. */
    private static void widen(Gen g, String base) {
        if (base.startsWith("S")) {
            g.mv.visitInsn(L2I);
            g.mv.visitInsn(I2L);
        } else if (base.startsWith("U")) {
            g.zext32();
        }
    }

    /** ADD/SUB(S) of T0 and T1: flags via AddWithCarry, Rd XZR- or (spRd) SP-numbered. */
    private static void addSub(Gen g, boolean sub, boolean flags, boolean x, int rd, boolean spRd) {
        if (flags) {
            Flags.addSub(g, x, sub, rd);
            return;
        }
        g.mv.visitVarInsn(LLOAD, Gen.T0);
        g.mv.visitVarInsn(LLOAD, Gen.T1);
        g.mv.visitInsn(sub ? LSUB : LADD);
        if (!x) {
            g.zext32();
        }
        if (spRd) {
            g.storeXsp(rd);
        } else {
            g.storeX(rd);
        }
    }

    /** Pushes ShiftReg(Rm, shift, imm6) at the instruction's width (32-bit results zero-extended). */
    private static void shifted(Gen g, int insn, boolean x) {
        int type = u(insn, 22, 2);
        int amount = u(insn, 10, 6);
        g.loadX(rm(insn));
        if (amount == 0) {
            if (!x) {
                g.zext32();
            }
            return;
        }
        if (!x) {
            g.mv.visitInsn(L2I);
        }
        g.iconst(amount);
        shiftOp(g, x, type);
        if (!x) {
            g.mv.visitInsn(I2L);
            g.zext32();
        }
    }

    /** value (long or int), amount (int) on the stack: LSL, LSR, ASR, ROR; the JVM masks the amount. */
    private static void shiftOp(Gen g, boolean x, int type) {
        switch (type) {
            case 0 -> g.mv.visitInsn(x ? LSHL : ISHL);
            case 1 -> g.mv.visitInsn(x ? LUSHR : IUSHR);
            case 2 -> g.mv.visitInsn(x ? LSHR : ISHR);
            default -> g.mv.visitMethodInsn(INVOKESTATIC, x ? "java/lang/Long" : "java/lang/Integer", "rotateRight",
                    x ? "(JI)J" : "(II)I", false);
        }
    }

    /** ExtendReg: option UXTB, UXTH, UXTW, UXTX, SXTB, SXTH, SXTW, SXTX, then LSL shift. */
    private static void extend(Gen g, int option, int shift) {
        switch (option) {
            case 0 -> {
                g.lconst(0xFF);
                g.mv.visitInsn(LAND);
            }
            case 1 -> {
                g.lconst(0xFFFF);
                g.mv.visitInsn(LAND);
            }
            case 2 -> g.zext32();
            case 4 -> {
                g.mv.visitInsn(L2I);
                g.mv.visitInsn(I2B);
                g.mv.visitInsn(I2L);
            }
            case 5 -> {
                g.mv.visitInsn(L2I);
                g.mv.visitInsn(I2S);
                g.mv.visitInsn(I2L);
            }
            case 6 -> {
                g.mv.visitInsn(L2I);
                g.mv.visitInsn(I2L);
            }
            default -> { }
        }
        if (shift != 0) {
            g.iconst(shift);
            g.mv.visitInsn(LSHL);
        }
    }
}
