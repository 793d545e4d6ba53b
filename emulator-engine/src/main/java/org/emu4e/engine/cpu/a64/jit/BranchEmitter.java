package org.emu4e.engine.cpu.a64.jit;

import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;
import static org.objectweb.asm.Opcodes.*;

import java.util.Set;
import java.util.function.Consumer;

import org.emu4e.engine.cpu.a64.decode.Bits;
import org.objectweb.asm.Label;

/**
 * Block exits for the branch rows (C4.1.66, the same semantics as {@code insn.branch.Branches}):
 * the branch computes the next PC into {@code CpuState.pc}, writes the registers back and
 * leaves: direct branches within the block's page through a chain slot (slot 0 for the only or
 * not-taken successor, slot 1 for the taken one), BR/BLR/RET and branches to other pages
 * through the vCPU's lookup cache (see {@link Gen#exitTo}). Only ever the last instruction of
 * a block.
 */
final class BranchEmitter {
    /** The decode-table group of the rows below. */
    static final String GROUP = "Branches (C4.1.66 branch parts)";
    /** The rows emitted here (see {@link EmitterTable}). */
    static final Set<String> ROWS = Set.of("B", "BL", "B_cond", "CBZ", "CBNZ", "TBZ", "TBNZ", "BR", "RET", "BLR");

    private BranchEmitter() { }

    /** Emits the exit for branch row {@code row} at instruction {@code i}; false if not a branch. */
    static boolean emit(Gen g, String row, int insn, int i) {
        int retired = i + 1;
        switch (row) {
            case "B" -> {
                long offset = Bits.s(insn, 0, 26) << 2;
                if (4L * i + offset == 0) {
                    g.loopBack(retired);
                } else {
                    g.exitTo(i, offset, retired, 0);
                }
            }
            case "BL" -> {
                g.pushPc(i + 1);
                g.storeX(30);
                g.exitTo(i, Bits.s(insn, 0, 26) << 2, retired, 0);
            }
            case "B_cond" -> {
                int cond = insn & 0xF;
                conditional(g, taken -> Flags.jumpIf(g, cond, taken), i, Bits.s(insn, 5, 19) << 2);
            }
            case "CBZ", "CBNZ" -> {
                g.loadX(insn & 31);
                if (insn >= 0) {
                    g.zext32();
                }
                g.mv.visitInsn(LCONST_0);
                g.mv.visitInsn(LCMP);
                int op = row.equals("CBZ") ? IFEQ : IFNE;
                conditional(g, taken -> g.mv.visitJumpInsn(op, taken), i, Bits.s(insn, 5, 19) << 2);
            }
            case "TBZ", "TBNZ" -> {
                int bit = (u(insn, 31, 1) << 5) | u(insn, 19, 5);
                g.loadX(insn & 31);
                g.lconst(1L << bit);
                g.mv.visitInsn(LAND);
                g.mv.visitInsn(LCONST_0);
                g.mv.visitInsn(LCMP);
                int op = row.equals("TBZ") ? IFEQ : IFNE;
                conditional(g, taken -> g.mv.visitJumpInsn(op, taken), i, Bits.s(insn, 5, 14) << 2);
            }
            case "BR", "RET" -> {
                g.loadX(rn(insn));
                g.exitLookup(retired);
            }
            case "BLR" -> {
                g.loadX(rn(insn)); // read before X30 is written: BLR X30 works
                g.mv.visitVarInsn(LSTORE, Gen.VA);
                g.pushPc(i + 1);
                g.storeX(30);
                g.mv.visitVarInsn(LLOAD, Gen.VA);
                g.exitLookup(retired);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** {@code test} jumps to its label if the branch is taken: exit to PC + offset, else to the next instruction. */
    private static void conditional(Gen g, Consumer<Label> test, int i, long offset) {
        Label taken = new Label();
        test.accept(taken);
        g.exitTo(i, 4, i + 1, 0);
        g.mv.visitLabel(taken);
        if (4L * i + offset == 0) {
            g.loopBack(i + 1); // a loop that is one block: stays in translated code
        } else {
            g.exitTo(i, offset, i + 1, 1);
        }
    }
}
