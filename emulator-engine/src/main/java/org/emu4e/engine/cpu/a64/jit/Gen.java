package org.emu4e.engine.cpu.a64.jit;

import static org.objectweb.asm.Opcodes.*;

import java.util.List;

import org.emu4e.engine.cpu.a64.tb.TranslationBlock;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Emission state of one translated block: the JVM locals that hold guest registers, which of
 * them are dirty (newer than {@code CpuState.x}), how NZCV is held (lazily: see {@link Flags}),
 * and the shared code shapes (write-back,
 * reload, calls into the interpreter, block exits).
 *
 * <p>Locals: X0..X30 and NZCV live in JVM locals for the whole block (loaded at entry), so
 * HotSpot keeps them in host registers; they are written back before anything that can fault,
 * call out or leave the block. SP is not cached (it is banked by EL and SPSel).
 */
final class Gen {
    static final String CPU_T = "org/emu4e/engine/cpu/a64/A64Cpu";
    static final String STATE_T = "org/emu4e/engine/cpu/a64/CpuState";
    static final String TLB_T = "org/emu4e/engine/cpu/a64/jit/JitTlb";
    static final String HANDLER_T = "org/emu4e/engine/cpu/a64/decode/Handler";
    static final String TB_T = "org/emu4e/engine/cpu/a64/tb/TranslationBlock";
    static final String RT_T = "org/emu4e/engine/cpu/a64/jit/JitRuntime";
    static final String JIT_T = "org/emu4e/engine/cpu/a64/jit/Jit";
    static final String CODE_T = "org/emu4e/engine/cpu/a64/jit/CompiledBlock";

    /** Descriptor of {@link CompiledBlock#run}. */
    static final String RUN_DESC = "(L" + CPU_T + ";L" + STATE_T + ";L" + TLB_T + ";L" + JIT_T + ";J)L" + CODE_T + ";";

    // JVM locals of run(A64Cpu cpu, CpuState s, JitTlb tlb, Jit jit, long end)
    static final int CPU = 1;
    static final int S = 2;
    static final int TLB = 3;
    static final int JIT = 4;
    static final int END = 5;    // long: instruction count at which the budget ends
    static final int X = 7;      // long[] s.x
    static final int PC0 = 8;    // long: PC of the block's first instruction
    static final int NZCV = 10;  // int
    static final int VA = 11;    // long: address of the current access
    static final int T0 = 13;    // long scratch
    static final int T1 = 15;    // long scratch
    static final int IDX = 17;   // int: TLB index
    static final int RAM = 18;   // RAM buffer of a TLB hit (pairs)
    static final int REG0 = 19;  // X0 at 19, X1 at 21, ... X30 at 79
    static final int FA = 81;    // long: first operand (or result) of the lazy flags, see Flags
    static final int FB = 83;    // long: second operand of the lazy flags

    private static final Handle CLASS_DATA_AT = new Handle(H_INVOKESTATIC, "java/lang/invoke/MethodHandles",
            "classDataAt", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)Ljava/lang/Object;",
            false);

    final MethodVisitor mv;
    /** Registers the block's translated instructions touch: loaded at entry (filled by the first pass). */
    final boolean[] cached;
    private final boolean collecting;
    private final boolean[] dirty = new boolean[31];
    private boolean nzcvDirty;
    /** How NZCV is held at this point of the code: {@link Flags#NONE} (in local NZCV) or a lazy kind. */
    int lazy = Flags.NONE;
    /** The lazy flags are of a 64-bit operation. */
    boolean lazyWide;
    private final List<Object> classData;
    /**
     * A block that branches to its own start is emitted twice: the first copy runs from the
     * entry (registers clean, NZCV in its local), the second from {@code loopTop} with the
     * emission state of the first copy's back edge, which is also that of its own back edge
     * (the state after the body depends on the state before it only where the body leaves it
     * alone), so the loop keeps registers and lazy flags in locals across iterations.
     */
    private Label loopTop;
    private boolean[] topDirty;
    private boolean topNzcvDirty;
    private int topLazy;
    private boolean topLazyWide;
    private boolean secondCopy;
    /** SIMD&FP access already proven enabled on every path to here (nothing in a block changes it). */
    boolean fpChecked;

    /** The block being translated (a class-data constant of the generated code). */
    private final TranslationBlock block;

    Gen(MethodVisitor mv, boolean[] cached, boolean collecting, List<Object> classData, TranslationBlock block) {
        this.block = block;
        this.mv = mv;
        this.cached = cached;
        this.collecting = collecting;
        this.classData = classData;
    }

    /** True in the first pass, which only collects the registers the block touches. */
    boolean collecting() {
        return collecting;
    }

    // ---- constants ----------------------------------------------------------------------

    void lconst(long v) {
        if (v == 0 || v == 1) {
            mv.visitInsn(v == 0 ? LCONST_0 : LCONST_1);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    void iconst(int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /** Pushes a constant object of the class (the block, a handler) as a dynamic constant. */
    void constant(Object o, String internalType) {
        int i = classData.indexOf(o);
        if (i < 0) {
            i = classData.size();
            classData.add(o);
        }
        mv.visitLdcInsn(new ConstantDynamic("_", "L" + internalType + ";", CLASS_DATA_AT, i));
    }

    // ---- guest registers ------------------------------------------------------------------

    private static int local(int r) {
        return REG0 + 2 * r;
    }

    /** Pushes Xr (r = 31 is XZR). */
    void loadX(int r) {
        if (r == 31) {
            mv.visitInsn(LCONST_0);
            return;
        }
        use(r);
        mv.visitVarInsn(LLOAD, local(r));
    }

    /** Pops a long into Xr (r = 31: discarded, XZR). */
    void storeX(int r) {
        if (r == 31) {
            mv.visitInsn(POP2);
            return;
        }
        use(r);
        mv.visitVarInsn(LSTORE, local(r));
        dirty[r] = true;
    }

    /** Pushes Xr where r = 31 is the current SP. */
    void loadXsp(int r) {
        if (r == 31) {
            mv.visitVarInsn(ALOAD, S);
            mv.visitMethodInsn(INVOKEVIRTUAL, STATE_T, "currentSp", "()J", false);
        } else {
            loadX(r);
        }
    }

    /** Pops a long into Xr where r = 31 is the current SP. */
    void storeXsp(int r) {
        if (r == 31) {
            mv.visitVarInsn(LSTORE, T1);
            mv.visitVarInsn(ALOAD, S);
            mv.visitVarInsn(LLOAD, T1);
            mv.visitMethodInsn(INVOKEVIRTUAL, STATE_T, "setCurrentSp", "(J)V", false);
        } else {
            storeX(r);
        }
    }

    /** Zero-extends the long on the stack from 32 bits. */
    void zext32() {
        mv.visitLdcInsn(0xFFFF_FFFFL);
        mv.visitInsn(LAND);
    }

    /** Pushes NZCV (materialised if it is lazy). */
    void loadNzcv() {
        Flags.push(this);
    }

    /** Pops an int into NZCV. */
    void storeNzcv() {
        mv.visitVarInsn(ISTORE, NZCV);
        nzcvDirty = true;
        lazy = Flags.NONE;
    }

    /** From here on NZCV is the lazy {@code kind} of the operands in FA/FB (see {@link Flags}). */
    void setLazy(int kind, boolean wide) {
        lazy = kind;
        lazyWide = wide;
        nzcvDirty = true;
    }

    private void use(int r) {
        if (collecting) {
            cached[r] = true;
        } else if (!cached[r]) {
            throw new IllegalStateException("X" + r + " was not seen by the first pass");
        }
    }

    /** Loads the cached registers, NZCV and the block's PC into locals. */
    void entry() {
        mv.visitVarInsn(ALOAD, S);
        mv.visitFieldInsn(GETFIELD, STATE_T, "x", "[J");
        mv.visitVarInsn(ASTORE, X);
        mv.visitVarInsn(ALOAD, S);
        mv.visitFieldInsn(GETFIELD, STATE_T, "pc", "J");
        mv.visitVarInsn(LSTORE, PC0);
        mv.visitInsn(LCONST_0);
        mv.visitVarInsn(LSTORE, VA);
        mv.visitInsn(LCONST_0);
        mv.visitVarInsn(LSTORE, T0);
        mv.visitInsn(LCONST_0);
        mv.visitVarInsn(LSTORE, T1);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, IDX);
        mv.visitInsn(LCONST_0);
        mv.visitVarInsn(LSTORE, FA);
        mv.visitInsn(LCONST_0);
        mv.visitVarInsn(LSTORE, FB);
        reloadAll();
    }

    /**
     * Copies every dirty register (and NZCV, materialised if lazy) back to {@code CpuState};
     * they stay cached.
     */
    void writeBack() {
        for (int r = 0; r < 31; r++) {
            if (dirty[r]) {
                mv.visitVarInsn(ALOAD, X);
                iconst(r);
                mv.visitVarInsn(LLOAD, local(r));
                mv.visitInsn(LASTORE);
            }
        }
        if (nzcvDirty) {
            mv.visitVarInsn(ALOAD, S);
            Flags.push(this); // lazy flags stay lazy: the write-back may be on one path only
            mv.visitFieldInsn(PUTFIELD, STATE_T, "nzcv", "I");
        }
    }

    /** After code that may have changed any register in {@code CpuState}: reload all; none dirty. */
    void reloadAll() {
        for (int r = 0; r < 31; r++) {
            if (cached[r]) {
                reload(r);
            }
            dirty[r] = false;
        }
        mv.visitVarInsn(ALOAD, S);
        mv.visitFieldInsn(GETFIELD, STATE_T, "nzcv", "I");
        mv.visitVarInsn(ISTORE, NZCV);
        nzcvDirty = false;
        lazy = Flags.NONE;
    }

    /** Reloads one register from {@code CpuState} (no change to the dirty set). */
    void reload(int r) {
        if (r == 31 || !cached[r]) {
            return;
        }
        mv.visitVarInsn(ALOAD, X);
        iconst(r);
        mv.visitInsn(LALOAD);
        mv.visitVarInsn(LSTORE, local(r));
    }

    /** Marks everything clean: the caller wrote back and whatever it calls cannot see stale locals. */
    void allClean() {
        java.util.Arrays.fill(dirty, false);
        nzcvDirty = false;
    }

    // ---- PC and exits ---------------------------------------------------------------------

    /** Pushes the PC of instruction {@code i} of the block. */
    void pushPc(int i) {
        mv.visitVarInsn(LLOAD, PC0);
        if (i != 0) {
            lconst(4L * i);
            mv.visitInsn(LADD);
        }
    }

    /** Pushes the PC of instruction {@code i} plus a byte offset. */
    void pushPcPlus(int i, long offset) {
        mv.visitVarInsn(LLOAD, PC0);
        long d = 4L * i + offset;
        if (d != 0) {
            lconst(d);
            mv.visitInsn(LADD);
        }
    }

    /** s.pc = PC of instruction {@code i} (before a call that may fault there). */
    void setPc(int i) {
        mv.visitVarInsn(ALOAD, S);
        pushPc(i);
        mv.visitFieldInsn(PUTFIELD, STATE_T, "pc", "J");
    }

    /** Pops the next PC into s.pc, writes back and counts {@code retired}; back to the dispatcher. */
    void exitWithPcOnStack(int retired) {
        leave(retired);
        mv.visitInsn(ACONST_NULL);
        mv.visitInsn(ARETURN);
    }

    /**
     * The exit of instruction {@code i} (after {@code retired} instructions) to the PC of
     * instruction {@code i} plus {@code offset}: through chain slot {@code slot} when the target
     * lies in the block's own page (known from its physical address: a block never crosses its
     * page, and a virtual page maps whole), else through the vCPU's lookup cache.
     */
    void exitTo(int i, long offset, int retired, int slot) {
        long target = (block.pa() & 0xFFF) + 4L * i + offset;
        pushPcPlus(i, offset);
        if (target >= 0 && target < 0x1000) {
            exitChained(retired, slot);
        } else {
            exitLookup(retired);
        }
    }

    /** Pops the next PC (in the block's page) into s.pc and leaves through chain slot {@code slot}. */
    void exitChained(int retired, int slot) {
        leave(retired);
        mv.visitVarInsn(ALOAD, CPU);
        mv.visitVarInsn(ALOAD, JIT);
        mv.visitVarInsn(ALOAD, 0);
        iconst(slot);
        mv.visitVarInsn(LLOAD, END);
        mv.visitMethodInsn(INVOKESTATIC, RT_T, "chain", "(L" + CPU_T + ";L" + JIT_T + ";L" + CODE_T + ";IJ)L" + CODE_T + ";",
                false);
        mv.visitInsn(ARETURN);
    }

    /** Pops the next PC (any) into s.pc and leaves through the vCPU's lookup cache. */
    void exitLookup(int retired) {
        leave(retired);
        mv.visitVarInsn(ALOAD, CPU);
        mv.visitVarInsn(ALOAD, JIT);
        mv.visitVarInsn(LLOAD, T0);
        mv.visitVarInsn(LLOAD, END);
        mv.visitMethodInsn(INVOKESTATIC, RT_T, "lookup", "(L" + CPU_T + ";L" + JIT_T + ";JJ)L" + CODE_T + ";", false);
        mv.visitInsn(ARETURN);
    }


    /** Pops the next PC into s.pc (and keeps it in T0), writes back, counts {@code retired}. */
    private void leave(int retired) {
        mv.visitVarInsn(LSTORE, T0);
        mv.visitVarInsn(ALOAD, S);
        mv.visitVarInsn(LLOAD, T0);
        mv.visitFieldInsn(PUTFIELD, STATE_T, "pc", "J");
        writeBack();
        count(retired);
    }

    /** cpu.instructions += n. */
    void count(int n) {
        if (n == 0) {
            return;
        }
        mv.visitVarInsn(ALOAD, CPU);
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, CPU_T, "instructions", "J");
        lconst(n);
        mv.visitInsn(LADD);
        mv.visitFieldInsn(PUTFIELD, CPU_T, "instructions", "J");
    }

    /** Back to the dispatcher (state stored, instructions counted). */
    void returnToDispatcher() {
        mv.visitInsn(ACONST_NULL);
        mv.visitInsn(ARETURN);
    }

    /**
     * The back edge of a block that branches to its own start after {@code retired}
     * instructions: counts them into {@code cpu.instructions} and runs the block again (its
     * second copy, see {@link #loopTop}; registers stay in locals) unless the budget would end
     * inside it, an exit was requested, the block was invalidated (another thread wrote its
     * code: the dispatcher's checks at a block entry) or the data TLB's write entries are stale
     * (a page became code or watched); otherwise writes back and leaves with s.pc = the block
     * start for the dispatcher (all retired instructions counted).
     */
    void loopBack(int retired) {
        Label leave = new Label();
        if (loopTop == null) {
            loopTop = new Label();
            topDirty = dirty.clone();
            topNzcvDirty = nzcvDirty;
            topLazy = lazy;
            topLazyWide = lazyWide;
        } else if (!java.util.Arrays.equals(topDirty, dirty) || topNzcvDirty != nzcvDirty || topLazy != lazy
                || topLazy != Flags.NONE && topLazyWide != lazyWide) {
            throw new IllegalStateException("the loop's second copy ends in another emission state");
        }
        mv.visitVarInsn(ALOAD, CPU);
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, CPU_T, "instructions", "J");
        lconst(retired);
        mv.visitInsn(LADD);
        mv.visitInsn(DUP2_X1);
        mv.visitFieldInsn(PUTFIELD, CPU_T, "instructions", "J");
        lconst(retired);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LLOAD, END);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFGT, leave);
        mv.visitVarInsn(ALOAD, CPU);
        mv.visitFieldInsn(GETFIELD, CPU_T, "exitRequest", "Z");
        mv.visitJumpInsn(IFNE, leave);
        mv.visitVarInsn(ALOAD, TLB);
        mv.visitMethodInsn(INVOKEVIRTUAL, TLB_T, "writesStale", "()Z", false);
        mv.visitJumpInsn(IFNE, leave);
        constant(block, TB_T);
        mv.visitMethodInsn(INVOKEVIRTUAL, TB_T, "isValid", "()Z", false);
        mv.visitJumpInsn(IFNE, loopTop);
        mv.visitLabel(leave);
        pushPc(0);
        exitWithPcOnStack(0);
    }

    /** True after the first copy of a loop block: the body is to be emitted again (see {@link #loopTop}). */
    boolean needsSecondCopy() {
        return loopTop != null && !secondCopy;
    }

    boolean inSecondCopy() {
        return secondCopy;
    }

    /** Starts the loop's second copy with the emission state of the first copy's back edge. */
    void beginSecondCopy() {
        secondCopy = true;
        mv.visitLabel(loopTop);
        System.arraycopy(topDirty, 0, dirty, 0, dirty.length);
        nzcvDirty = topNzcvDirty;
        lazy = topLazy;
        lazyWide = topLazyWide;
    }

    /**
     * Runs instruction {@code i} through its interpreter handler: writes back, sets PC and
     * next PC as the dispatcher does, calls the handler, reloads the registers. Leaves the
     * locals clean.
     */
    void callHandler(int i, int insn, Object handler) {
        writeBack();
        setPc(i);
        mv.visitVarInsn(ALOAD, S);
        pushPc(i + 1);
        mv.visitFieldInsn(PUTFIELD, STATE_T, "nextPc", "J");
        constant(handler, HANDLER_T);
        mv.visitVarInsn(ALOAD, CPU);
        iconst(insn);
        mv.visitMethodInsn(INVOKEINTERFACE, HANDLER_T, "exec", "(L" + CPU_T + ";I)V", true);
    }

    /**
     * After instruction {@code i} (not the last) ran outside translated code: if it asked the
     * dispatcher for attention (pending exit, interrupt re-check) or overwrote this block, leave
     * with s.pc = s.nextPc. Registers must be clean (written back).
     */
    void leaveIfAsked(int i) {
        Label stay = new Label();
        mv.visitVarInsn(ALOAD, CPU);
        constant(block, TB_T);
        mv.visitMethodInsn(INVOKESTATIC, RT_T, "mustLeave", "(L" + CPU_T + ";L" + TB_T + ";)Z", false);
        mv.visitJumpInsn(IFEQ, stay);
        mv.visitVarInsn(ALOAD, S);
        mv.visitVarInsn(ALOAD, S);
        mv.visitFieldInsn(GETFIELD, STATE_T, "nextPc", "J");
        mv.visitFieldInsn(PUTFIELD, STATE_T, "pc", "J");
        writeBack();
        count(i + 1);
        returnToDispatcher();
        mv.visitLabel(stay);
    }

    /** After a store by instruction {@code i}: if it overwrote this block, stop after it. */
    void leaveIfOverwritten(int i) {
        Label stay = new Label();
        constant(block, TB_T);
        mv.visitMethodInsn(INVOKEVIRTUAL, TB_T, "isValid", "()Z", false);
        mv.visitJumpInsn(IFNE, stay);
        pushPc(i + 1);
        exitWithPcOnStack(i + 1);
        mv.visitLabel(stay);
    }

    static String desc(Class<?> c) {
        return Type.getDescriptor(c);
    }
}
