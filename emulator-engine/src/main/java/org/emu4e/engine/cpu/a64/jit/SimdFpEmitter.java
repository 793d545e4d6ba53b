package org.emu4e.engine.cpu.a64.jit;

import static org.objectweb.asm.Opcodes.*;

/**
 * Scalar floating-point and Advanced SIMD data processing (C4.1.69) in translated blocks. The
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

    private SimdFpEmitter() { }

    static boolean emit(Gen g, int insn, int i, Object handler) {
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
