package org.emu4e.engine.cpu.a64.jit;

import org.emu4e.engine.api.ExecConfig;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.api.DebugHooks;
import org.emu4e.engine.cpu.a64.tb.TranslationBlock;
import org.emu4e.engine.memory.PhysicalBus;

/**
 * One vCPU's bytecode translator front: decides per block entry whether compiled code runs,
 * translating a block once it has been entered more than the threshold (adaptive: cold code
 * stays interpreted, so start-up is not spent translating). The compiled code hangs off its
 * {@link TranslationBlock} and is shared by every vCPU; it dies with the block (self-modifying
 * code, IC IVAU/IALLU), as the dispatcher never enters an invalid block.
 */
public final class Jit {
    private static final Logger LOG = Logger.getLogger(Jit.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    /** Blocks translated by all vCPUs (a diagnostic). */
    static final LongAdder TRANSLATIONS = new LongAdder();

    private final int threshold;
    private final PhysicalBus bus;
    private final JitTlb tlb = new JitTlb();

    /** The translator of a vCPU that sees memory through {@code bus}. */
    public Jit(ExecConfig config, PhysicalBus bus) {
        this.threshold = config.threshold();
        this.bus = bus;
    }

    /** Per-block translator state, kept in the block. Racy updates between vCPUs are benign. */
    private static final class Entry {
        int hits;
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
        CompiledBlock c = want == n ? e.full : e.prefix;
        if (c != null && (want == n || e.prefixLength == want) && c.length() <= want) {
            return c;
        }
        if (e.failed || e.hits++ < threshold) {
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
        } else {
            e.prefix = c;
            e.prefixLength = want;
        }
        return c;
    }

    /** Runs {@code c} on {@code cpu} with the budget ending at {@code end}; see {@link CompiledBlock#run}. */
    public int run(CompiledBlock c, A64Cpu cpu, long end) {
        tlb.validate(cpu);
        return c.run(cpu, cpu.state(), tlb, end);
    }

    /** Blocks translated since start-up, by all vCPUs. */
    public static long translations() {
        return TRANSLATIONS.sum();
    }
}
