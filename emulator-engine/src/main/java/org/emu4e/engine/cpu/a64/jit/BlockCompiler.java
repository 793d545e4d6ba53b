package org.emu4e.engine.cpu.a64.jit;

import static org.objectweb.asm.Opcodes.*;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

import org.emu4e.engine.cpu.a64.decode.A64Decoder;
import org.emu4e.engine.cpu.a64.decode.DecodeRow;
import org.emu4e.engine.cpu.a64.decode.Handler;
import org.emu4e.engine.cpu.a64.tb.TranslationBlock;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Translates the first instructions of a {@link TranslationBlock} into one hidden class
 * extending {@link CompiledBlock}: one method, straight-line code in guest order, the block
 * exit at its end. Each instruction is emitted by the emitter {@link EmitterTable} binds to the
 * decode row its block decoded it as; any other row calls its interpreter handler, so
 * translation covers every block and coverage grows row by row.
 *
 * <p>The class is defined with {@code Lookup.defineHiddenClassWithClassData} without
 * {@code STRONG}: it is unloaded once its block is dropped (invalidated blocks are
 * unreachable). The block and the handlers it calls are class data, read as dynamic constants,
 * so HotSpot sees each call site with one receiver. The generated method stays under
 * {@link #MAX_CODE_BYTES} (HotSpot does not compile methods over 8000 bytes): a block whose
 * code would be larger is translated in a shorter prefix.
 */
final class BlockCompiler {
    /** Budget for the generated run method's bytecode. */
    static final int MAX_CODE_BYTES = 6000;
    private static final String BASE_T = "org/emu4e/engine/cpu/a64/jit/CompiledBlock";
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final int NOP = 0xD503_201F;

    private BlockCompiler() { }

    /** The class bytes of one translation and the size of its run method. */
    record Generated(String name, byte[] bytes, int codeSize, int length, List<Object> classData) { }

    /** Translates the first {@code length} instructions of {@code b}, entered at virtual {@code pc}. */
    static CompiledBlock compile(TranslationBlock b, int length, long pc) {
        Generated gen = generateWithinBudget(b, length, pc);
        ClassDump.write(gen);
        try {
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClassWithClassData(gen.bytes(), List.copyOf(gen.classData()), true);
            MethodHandle ctor = hidden.findConstructor(hidden.lookupClass(),
                    MethodType.methodType(void.class, int.class, TranslationBlock.class));
            return (CompiledBlock) ctor.invoke(gen.length(), b);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot define translated block " + gen.name(), t);
        }
    }

    /** Generates the longest prefix (up to {@code length}) whose method fits the budget. */
    static Generated generateWithinBudget(TranslationBlock b, int length, long pc) {
        int len = length;
        while (true) {
            Generated gen = generate(b, len, pc);
            if (gen.codeSize() <= MAX_CODE_BYTES || len == 1) {
                return gen;
            }
            len = Math.max(1, len * 2 / 3);
        }
    }

    static Generated generate(TranslationBlock b, int length, long pc) {
        boolean[] cached = new boolean[31];
        // first pass: which registers the translated instructions touch (loaded at entry)
        body(new Gen(new MethodVisitor(ASM9) { }, cached, true, new ArrayList<>(), b), b, length);

        String name = "org/emu4e/engine/cpu/a64/jit/Block_" + Long.toHexString(pc);
        ClassWriter cw = new SafeClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_FINAL | ACC_SUPER, name, null, BASE_T, null);
        cw.visitSource("guest pc 0x" + Long.toHexString(pc) + ", pa 0x" + Long.toHexString(b.pa()), null);
        String initDesc = "(IL" + Gen.TB_T + ";)V";
        MethodVisitor init = cw.visitMethod(0, "<init>", initDesc, null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitVarInsn(ILOAD, 1);
        init.visitVarInsn(ALOAD, 2);
        init.visitMethodInsn(INVOKESPECIAL, BASE_T, "<init>", initDesc, false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "run", Gen.RUN_DESC, null, null);
        mv.visitCode();
        List<Object> data = new ArrayList<>();
        body(new Gen(mv, cached, false, data, b), b, length);
        Label end = new Label();
        mv.visitLabel(end);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return new Generated(name, cw.toByteArray(), end.getOffset(), length, data);
    }

    /**
     * The run method's code: entry, one piece per instruction, the exit; a block that loops to
     * its own start twice (see {@code Gen.loopTop}).
     */
    private static void body(Gen g, TranslationBlock b, int length) {
        g.entry();
        instructions(g, b, length);
        if (g.needsSecondCopy()) {
            g.beginSecondCopy();
            instructions(g, b, length);
        }
    }

    private static void instructions(Gen g, TranslationBlock b, int length) {
        for (int i = 0; i < length; i++) {
            int insn = b.insn(i);
            Handler h = b.handler(i);
            DecodeRow row = b.row(i);
            boolean last = i == length - 1;
            if (insn == NOP && last && length == b.length()) {
                // C6.2.238 NOP: a hint without effect (compilers pad loops with it); it ends the
                // block only as a member of the system group, so the code goes straight on
                g.exitTo(i, 4, length, 0);
                return;
            }
            RowEmitter emitter = EmitterTable.of(row);
            boolean leaves = row.end().endsBlock();
            // a row that leaves the block is emitted only as the block's own end
            if (emitter != null && (last || !leaves) && emitter.emit(g, row, insn, i, h)) {
                if (leaves) {
                    return;
                }
                continue;
            }
            if (!g.collecting() && !g.inSecondCopy()) {
                HandlerRows.count(row == A64Decoder.UNALLOCATED_ROW ? null : row.group().replaceFirst(" \\(.*", "") + ": " + row.name(), insn);
            }
            g.callHandler(i, insn, h);
            if (last) {
                g.allClean();
                g.mv.visitVarInsn(ALOAD, Gen.S);
                g.mv.visitVarInsn(ALOAD, Gen.S);
                g.mv.visitFieldInsn(GETFIELD, Gen.STATE_T, "nextPc", "J");
                g.mv.visitFieldInsn(PUTFIELD, Gen.STATE_T, "pc", "J");
                g.count(length);
                g.returnToDispatcher(); // a system instruction: the dispatcher looks again
                return;
            }
            g.reloadAll();
            g.leaveIfAsked(i);
        }
        if (length == b.length()) {
            g.exitTo(length - 1, 4, length, 0); // fell through the page end or the length limit
        } else {
            g.pushPc(length); // a prefix: the rest is looked up (and a breakpoint there seen)
            g.exitWithPcOnStack(length);
        }
    }
}
