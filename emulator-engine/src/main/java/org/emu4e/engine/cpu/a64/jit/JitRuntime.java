package org.emu4e.engine.cpu.a64.jit;

import java.nio.ByteBuffer;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.tb.TranslationBlock;

/** Static helpers that translated code calls (invokestatic, small enough for HotSpot to inline). */
public final class JitRuntime {
    private JitRuntime() { }

    // Accesses through a data TLB hit: RAM buffer and offset, zero-extended. RAM chunks are
    // little-endian buffers (Ram), so the buffer's own accessors read guest byte order; unlike
    // a byte-buffer VarHandle they stay cheap in code that HotSpot has not compiled with C2 yet
    // (most translated kernel code), where a VarHandle access is a chain of calls.

    public static long ld1(ByteBuffer b, int o) { return b.get(o) & 0xFFL; }

    public static long ld2(ByteBuffer b, int o) { return b.getShort(o) & 0xFFFFL; }

    public static long ld4(ByteBuffer b, int o) { return b.getInt(o) & 0xFFFF_FFFFL; }

    public static long ld8(ByteBuffer b, int o) { return b.getLong(o); }

    public static void st1(ByteBuffer b, int o, long v) { b.put(o, (byte) v); }

    public static void st2(ByteBuffer b, int o, long v) { b.putShort(o, (short) v); }

    public static void st4(ByteBuffer b, int o, long v) { b.putInt(o, (int) v); }

    public static void st8(ByteBuffer b, int o, long v) { b.putLong(o, v); }

    /**
     * True after an instruction run by its interpreter handler if the dispatcher must see the
     * state now: a pending exit (WFI, watchpoint...), interrupts to re-check, or the block
     * itself overwritten (the interpreter stops there too).
     */
    public static boolean mustLeave(A64Cpu cpu, TranslationBlock b) {
        return cpu.pendingExit != null || cpu.recheckInterrupts || !b.isValid();
    }

    /** After the full path of a load succeeded at {@code va}: enter the page in the data TLB. */
    public static void filled(A64Cpu cpu, JitTlb tlb, long va, boolean write) {
        tlb.fill(cpu, va, write);
    }

    /**
     * At a direct exit of {@code from} through exit slot {@code slot} (the PC, registers and
     * count already stored): the successor to run without the dispatcher, or null. An empty slot
     * or one whose block died is reported to {@code jit}, so the dispatcher fills it once the
     * target has code.
     */
    public static CompiledBlock chain(A64Cpu cpu, Jit jit, CompiledBlock from, int slot, long end) {
        CompiledBlock next = slot == 0 ? from.exit0 : from.exit1;
        if (next == null || !next.block().isValid()) {
            jit.unlinked(from, slot, cpu.state().pc);
            return null;
        }
        return mayEnter(cpu, jit, next, end) ? next : null;
    }

    /**
     * At an exit whose target {@code pc} comes from a register or lies in another page (the PC,
     * registers and count already stored): the successor from the vCPU's lookup cache, or null.
     */
    public static CompiledBlock lookup(A64Cpu cpu, Jit jit, long pc, long end) {
        CompiledBlock next = jit.cached(pc);
        return next != null && next.block().isValid() && mayEnter(cpu, jit, next, end) ? next : null;
    }

    /**
     * The dispatcher's checks at a block entry that can change while translated code runs: a
     * kick (interrupts, work, stop) or a pending exit, a budget that must fit the whole block, and
     * write entries of the data TLB that a new code or watched page made stale.
     */
    private static boolean mayEnter(A64Cpu cpu, Jit jit, CompiledBlock next, long end) {
        return !cpu.exitRequest && cpu.pendingExit == null && cpu.instructions + next.length() <= end
                && !jit.tlb.writesStale();
    }
}
