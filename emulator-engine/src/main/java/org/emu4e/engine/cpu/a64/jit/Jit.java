package org.emu4e.engine.cpu.a64.jit;

import org.emu4e.engine.api.ExecConfig;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.api.DebugHooks;
import org.emu4e.engine.cpu.a64.tb.TranslationBlock;
import org.emu4e.engine.memory.PhysicalBus;

/**
 * One vCPU's bytecode translator front: decides per block entry whether compiled code runs,
 * translating a block once it has been entered more than the threshold within the window
 * (adaptive: cold code and code that runs only now and then stay interpreted, so neither
 * start-up nor a kernel boot is spent translating; see {@link ExecConfig}). The compiled code
 * hangs off its {@link TranslationBlock} and is shared by every vCPU; it dies with the block (self-modifying
 * code, IC IVAU/IALLU), as neither the dispatcher nor a chain or lookup from translated code
 * enters an invalid block.
 */
public final class Jit {
    private static final Logger LOG = Logger.getLogger(Jit.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    /** Blocks translated by all vCPUs (a diagnostic). */
    static final LongAdder TRANSLATIONS = new LongAdder();

    private final int threshold;
    /** Nanoseconds within which the threshold's entries must fall (0: no limit). */
    private final long window;
    private final PhysicalBus bus;
    final JitTlb tlb = new JitTlb();
    /** Where compiled code left through an empty exit slot (see {@link JitRuntime#chain}), or null. */
    private CompiledBlock unlinked;
    private int unlinkedSlot;
    private long unlinkedPa;
    /**
     * The lookup cache for exits whose target is not in the block's own page (BR, BLR, RET and
     * direct branches to another page): virtual PC to the compiled block entered there, filled at
     * the dispatcher's entries (which checked the fetch translation) and dropped with the data
     * TLB whenever the translation regime may have changed, so it is keyed by virtual PC and
     * regime; entries of invalidated blocks are skipped on use.
     */
    private final LookupCache lookup = new LookupCache();

    /** The translator of a vCPU that sees memory through {@code bus}. */
    public Jit(ExecConfig config, PhysicalBus bus) {
        this.threshold = config.threshold();
        this.window = config.windowNanos();
        this.bus = bus;
    }

    /**
     * Per-block translator state, kept in the block. Racy updates between vCPUs are benign
     * (a lost count or window start delays a translation a little).
     */
    private static final class Entry {
        int hits;
        /** System.nanoTime() at the first of the {@link #hits} counted. */
        long since;
        boolean failed;
        volatile CompiledBlock full;
        volatile CompiledBlock prefix;
        int prefixLength;
    }

    /**
     * The compiled code to run for block {@code b} entered at {@code pc}, or null to interpret
     * it. {@code n} is how many instructions the dispatcher may run (the budget); compiled code
     * runs only whole blocks, or the part before the first breakpoint in it when
     * {@code breakpointsInside} (breakpoints possibly inside the block, found through
     * {@code debug}). With watchpoints set, everything is interpreted.
     */
    public CompiledBlock code(TranslationBlock b, int n, DebugHooks debug, boolean breakpointsInside, long pc) {
        if (n != b.length() || debug != null && debug.hasWatchpoints()) {
            return null;
        }
        int want = n;
        if (breakpointsInside) {
            for (int k = 1; k < n; k++) {
                if (debug.breakpointAt(pc + 4L * k)) {
                    want = k;
                    break;
                }
            }
        }
        Entry e = (Entry) b.translatorState();
        if (e == null) {
            e = new Entry();
            // Blocks outside RAM (flash, devices) are decoded afresh at every entry: never hot.
            e.failed = bus.ramAt(b.pa(), 4) == null;
            b.setTranslatorState(e);
        }
        CompiledBlock from = unlinked;
        unlinked = null;
        CompiledBlock c = want == n ? e.full : e.prefix;
        if (c != null && (want == n || e.prefixLength == want) && c.length() <= want) {
            if (want == n) {
                entered(c, pc, from);
            }
            return c;
        }
        if (e.failed || !hot(e)) {
            return null;
        }
        try {
            c = BlockCompiler.compile(b, want, pc);
        } catch (RuntimeException | LinkageError ex) {
            e.failed = true;
            if (WARNED.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "bytecode translation failed for " + b + " at pc 0x" + Long.toHexString(pc)
                        + "; the block stays interpreted (further failures are not logged)", ex);
            }
            return null;
        }
        TRANSLATIONS.increment();
        if (want == n) {
            e.full = c;
            entered(c, pc, from);
        } else {
            e.prefix = c;
            e.prefixLength = want;
        }
        return c;
    }

    /**
     * Counts an interpreted entry of the block (by any vCPU); true once it was entered more
     * than the threshold times within the window, else the count starts again. The clock is
     * read only at the first entry counted and at the threshold.
     */
    private boolean hot(Entry e) {
        if (threshold == 0) {
            return true;
        }
        int h = e.hits;
        if (h == 0 && window != 0) {
            e.since = System.nanoTime();
        }
        if (h < threshold) {
            e.hits = h + 1;
            return false;
        }
        if (window != 0) {
            long now = System.nanoTime();
            if (now - e.since > window) {
                e.hits = 1;
                e.since = now;
                return false;
            }
        }
        return true;
    }

    /**
     * The dispatcher enters whole-block code {@code c} at {@code pc}: remember it for lookups,
     * and fill the exit slot through which compiled code last left for it.
     */
    private void entered(CompiledBlock c, long pc, CompiledBlock from) {
        lookup.put(pc, c);
        if (from != null && c.block().pa() == unlinkedPa) {
            if (unlinkedSlot == 0) {
                from.exit0 = c;
            } else {
                from.exit1 = c;
            }
        }
    }

    /**
     * Runs {@code c} on {@code cpu} and the compiled successors it chains to (the trampoline:
     * {@code run} is the one call site with many receivers), with the budget ending at
     * {@code end}. Retired instructions are counted into {@code cpu.instructions}, also for a
     * guest exception, which propagates with {@code s.pc} at the faulting instruction.
     */
    public void run(CompiledBlock c, A64Cpu cpu, long end) {
        if (tlb.validate(cpu)) {
            lookup.flush();
        }
        unlinked = null;
        CpuState s = cpu.state();
        long entry = s.pc;
        try {
            for (CompiledBlock next = c; next != null; next = next.run(cpu, s, tlb, this, end)) {
                entry = s.pc;
            }
        } catch (GuestException e) {
            cpu.instructions += ((s.pc - entry) >>> 2) + 1;
            throw e;
        }
    }

    /** Compiled code left through an empty or dead exit slot {@code slot} of {@code from} to {@code pc}. */
    void unlinked(CompiledBlock from, int slot, long pc) {
        unlinked = from;
        unlinkedSlot = slot;
        unlinkedPa = (from.block().pa() & ~0xFFFL) | (pc & 0xFFF);
    }

    /**
     * The block of the exit slot through which the last {@link #run} left, if the dispatcher
     * should look its successor up as a chain link of it (in the same page); else null.
     */
    public TranslationBlock unlinkedBlock() {
        CompiledBlock u = unlinked;
        return u == null ? null : u.block();
    }

    /** The compiled block last entered at virtual {@code pc} under the current regime, or null. */
    CompiledBlock cached(long pc) {
        return lookup.get(pc);
    }

    /** The whole-block code of {@code b}, or null (for tests). */
    static CompiledBlock compiled(TranslationBlock b) {
        return b.translatorState() instanceof Entry e ? e.full : null;
    }

    /** Blocks translated since start-up, by all vCPUs. */
    public static long translations() {
        return TRANSLATIONS.sum();
    }
}
