package org.emu4e.engine.cpu.a64.jit;

import static org.objectweb.asm.Opcodes.*;

import org.objectweb.asm.Label;

/**
 * The light call shape for a helper that reads its operands from the stack and may throw a
 * guest exception: the call sits in a try range whose handler (emitted once per call site,
 * off the normal path) writes back the dirty registers and sets the PC of the instruction
 * before rethrowing, so the exception leaves precise state without a write-back on the normal
 * path. The helper must not read general registers from {@code CpuState} (they may be stale)
 * nor change them.
 */
final class PreciseCall {
    private final Label start = new Label();
    private final Label end = new Label();
    private final Label handler = new Label();

    private PreciseCall(Gen g) {
        g.mv.visitTryCatchBlock(start, end, handler, null);
        g.mv.visitLabel(start);
    }

    /** Opens the try range: emit the operand pushes and the call next. */
    static PreciseCall begin(Gen g) {
        return new PreciseCall(g);
    }

    /** Closes the range after the call of instruction {@code i}; emits the handler out of line. */
    void end(Gen g, int i) {
        Label after = new Label();
        g.mv.visitLabel(end);
        g.mv.visitJumpInsn(GOTO, after);
        g.mv.visitLabel(handler);
        // stack: the throwable
        g.writeBack();
        g.setPc(i);
        g.mv.visitInsn(ATHROW);
        g.mv.visitLabel(after);
    }

    /**
     * After instruction {@code i} whose helper may have set {@code cpu.pendingExit} (a
     * watchpoint) or, for a store, overwritten this block: leave before the next instruction.
     */
    static void leaveIfPending(Gen g, int i, boolean store) {
        Label stay = new Label();
        g.mv.visitVarInsn(ALOAD, Gen.CPU);
        g.mv.visitFieldInsn(GETFIELD, Gen.CPU_T, "pendingExit", "Lorg/emu4e/engine/cpu/a64/CpuExit;");
        g.mv.visitJumpInsn(IFNULL, stay);
        g.pushPc(i + 1);
        g.exitWithPcOnStack(i + 1);
        g.mv.visitLabel(stay);
        if (store) {
            g.leaveIfOverwritten(i);
        }
    }
}
