package org.emu4e.engine.cpu.a64.tb;

import org.emu4e.engine.cpu.a64.decode.BlockEnd;
import org.emu4e.engine.cpu.a64.decode.DecodeRow;
import org.emu4e.engine.cpu.a64.decode.Handler;

/**
 * A run of decoded instructions starting at one physical address and never crossing its
 * 4 KiB page, ending at the first branch, exception-generating or system instruction (or at
 * the page end / length limit). Blocks are keyed by physical address, so every vCPU and every
 * virtual alias of the page shares one block; the PC-relative instructions take the PC from
 * the CPU state at run time, so a block does not depend on the virtual address it runs at.
 *
 * <p>The decoded contents are immutable. {@link #valid} is cleared when guest memory under
 * the block is written (self-modifying code) or an instruction-cache invalidate covers it;
 * a vCPU re-checks it on every entry, including entries through a chain link.
 *
 * <p>Each instruction is decoded once, when the block is built: the block keeps its decode
 * row (which the bytecode translator emits from) and, for the interpreter loop, its handler.
 */
public final class TranslationBlock {
    /** Longest block, in instructions: bounds the work between exit-request checks. */
    public static final int MAX_LENGTH = 128;

    /** A remembered successor: the block at physical address {@code pa}. Immutable. */
    public record Link(long pa, TranslationBlock block) { }

    private final long pa;
    private final int[] insns;
    private final DecodeRow[] rows;
    private final Handler[] handlers;
    private final BlockEnd end;
    private volatile boolean valid = true;
    // Two successor slots (taken / not taken, or fall-through). Racy writes are benign: each
    // slot holds one immutable Link and is re-validated on use.
    private Link link0;
    private Link link1;
    /** What the bytecode translator (cpu.a64.jit) keeps for this block; dropped with it. */
    private volatile Object translatorState;

    TranslationBlock(long pa, int[] insns, DecodeRow[] rows, BlockEnd end) {
        this.pa = pa;
        this.insns = insns;
        this.rows = rows;
        this.handlers = new Handler[rows.length];
        for (int i = 0; i < rows.length; i++) {
            handlers[i] = rows[i].handler();
        }
        this.end = end;
    }

    public long pa() { return pa; }

    public int length() { return insns.length; }

    public int insn(int i) { return insns[i]; }

    /** The decode row of instruction {@code i} ({@code A64Decoder.UNALLOCATED_ROW} if it has none). */
    public DecodeRow row(int i) { return rows[i]; }

    public Handler handler(int i) { return handlers[i]; }

    public BlockEnd end() { return end; }

    public boolean isValid() { return valid; }

    void invalidate() {
        valid = false;
        link0 = null;
        link1 = null;
    }

    public Object translatorState() { return translatorState; }

    public void setTranslatorState(Object state) { translatorState = state; }

    /** The valid chained successor at {@code nextPa}, or null. */
    public TranslationBlock linked(long nextPa) {
        Link l = link0;
        if (l != null && l.pa == nextPa && l.block.valid) {
            return l.block;
        }
        l = link1;
        if (l != null && l.pa == nextPa && l.block.valid) {
            return l.block;
        }
        return null;
    }

    /** Remembers {@code next} as a successor (replacing the older slot). */
    public void link(TranslationBlock next) {
        Link l = new Link(next.pa, next);
        Link first = link0;
        if (first == null || !first.block.valid || first.pa == next.pa) {
            link0 = l;
        } else {
            link1 = first;
            link0 = l;
        }
    }

    @Override
    public String toString() {
        return String.format("TB[pa=%#x, %d insns, %s%s]", pa, insns.length, end, valid ? "" : ", invalid");
    }
}
