package org.emu4e.engine.cpu.a64.tb;

import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.emu4e.engine.cpu.a64.decode.A64Decoder;
import org.emu4e.engine.cpu.a64.decode.Handler;
import org.emu4e.engine.memory.BusFault;
import org.emu4e.engine.memory.PhysicalBus;
import org.emu4e.engine.memory.Ram;

/**
 * The translation-block cache of one machine, shared by all its vCPUs: blocks by physical
 * address, grouped per 4 KiB physical page so a write to a page drops exactly the blocks on it.
 *
 * <p>Coherence with guest memory (self-modifying and cross-modifying code): a page holding
 * blocks is marked as code in its {@link Ram}; any write to it, by any vCPU, a loader or the
 * debugger, calls {@link #codeWritten} on the writing thread, which invalidates the page's
 * blocks before the write's instruction retires. A vCPU notices at its next block entry, or at
 * once if it is executing the block being overwritten. Instruction-cache invalidation by the
 * guest (IC IVAU, IC IALLU[IS]) also drops blocks, so code modified by the sequence the ARM ARM
 * requires (B2.4.4 "Concurrent modification and execution of instructions": DC CVAU, DSB,
 * IC IVAU, DSB, ISB) is re-translated even if the write raced with its translation.
 *
 * <p>Blocks are only cached for RAM; code fetched from a device region is decoded on each entry.
 */
public final class BlockCache implements Ram.CodeWriteListener {
    private static final int PAGE_SHIFT = 12;
    private static final long PAGE_MASK = (1L << PAGE_SHIFT) - 1;

    /** The blocks starting in one physical page. Dead once invalidated; a new one replaces it. */
    private static final class CodePage {
        final TranslationBlock[] slots = new TranslationBlock[1 << (PAGE_SHIFT - 2)];
        boolean dead; // guarded by this
        volatile long lastTranslation; // sequence number of the newest block published here
    }

    private final PhysicalBus bus;
    private final A64Decoder decoder = A64Decoder.get();
    private final ConcurrentHashMap<Long, CodePage> pages = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final LongAdder translations = new LongAdder();
    private final LongAdder invalidations = new LongAdder();

    private BlockCache(PhysicalBus bus) {
        this.bus = bus;
        for (Ram r : bus.rams()) {
            r.setCodeWriteListener(this);
        }
    }

    /** The cache shared by every vCPU on {@code bus}. */
    public static BlockCache of(PhysicalBus bus) {
        return bus.shared(BlockCache.class, BlockCache::new);
    }

    /**
     * The valid block starting at physical address {@code pa}, translated now if needed.
     *
     * @throws BusFault if nothing is mapped at {@code pa}
     */
    public TranslationBlock blockAt(long pa) {
        Ram ram = bus.ramAt(pa, 4);
        if (ram == null) {
            return translate(pa, null); // device memory: never cached
        }
        int slot = (int) (pa & PAGE_MASK) >>> 2;
        while (true) {
            CodePage page = pages.computeIfAbsent(pa >>> PAGE_SHIFT, k -> new CodePage());
            TranslationBlock b = page.slots[slot];
            if (b != null && b.isValid()) {
                return b;
            }
            // Mark first, then read: a write that lands after the mark invalidates this page
            // (and so the block being built); the fence orders the mark before the reads.
            ram.setCodeWriteListener(this); // idempotent; covers RAM added after the cache
            ram.markCode(pa);
            VarHandle.fullFence();
            b = translate(pa, ram);
            synchronized (page) {
                if (!page.dead) {
                    page.slots[slot] = b;
                    page.lastTranslation = sequence.incrementAndGet();
                    return b;
                }
            }
            // The page was written while we decoded it: decode again from the new contents.
        }
    }

    private TranslationBlock translate(long pa, Ram ram) {
        translations.increment();
        long pageEnd = (pa | PAGE_MASK) + 1;
        int max = (int) Math.min(TranslationBlock.MAX_LENGTH, (pageEnd - pa) >>> 2);
        int[] insns = new int[max];
        Handler[] handlers = new Handler[max];
        int n = 0;
        BlockEnd end = BlockEnd.FALL_THROUGH;
        while (n < max) {
            long a = pa + 4L * n;
            int insn;
            if (ram != null) {
                insn = ram.fetch32(a);
            } else {
                try {
                    insn = (int) bus.read(a, 4);
                } catch (BusFault f) {
                    if (n == 0) {
                        throw f;
                    }
                    break; // the fault is taken when (and if) execution gets there
                }
            }
            insns[n] = insn;
            handlers[n] = decoder.decode(insn);
            n++;
            if (BlockEnd.endsBlock(insn)) {
                end = BlockEnd.of(insn);
                break;
            }
        }
        if (n < max) {
            insns = java.util.Arrays.copyOf(insns, n);
            handlers = java.util.Arrays.copyOf(handlers, n);
        }
        return new TranslationBlock(pa, insns, handlers, end);
    }

    /** {@link Ram.CodeWriteListener}: guest memory under cached blocks was written. */
    @Override
    public void codeWritten(long physicalAddress, int size) {
        long first = physicalAddress >>> PAGE_SHIFT;
        long last = (physicalAddress + Math.max(size, 1) - 1) >>> PAGE_SHIFT;
        for (long p = first; p <= last; p++) {
            invalidatePage(p << PAGE_SHIFT);
        }
    }

    /** Drops every block in the physical page holding {@code pa} (IC IVAU, code writes). */
    public void invalidatePage(long pa) {
        Ram ram = bus.ramAt(pa & ~PAGE_MASK, 1);
        if (ram != null) {
            ram.unmarkCode(pa); // before removal: a concurrent translation re-marks the page
        }
        CodePage page = pages.remove(pa >>> PAGE_SHIFT);
        if (page != null) {
            kill(page);
        }
    }

    /** Drops every block. */
    public void invalidateAll() {
        invalidateTranslatedAfter(-1);
    }

    /**
     * IC IALLU / IC IALLUIS on a vCPU whose previous such invalidation returned {@code since}:
     * drops the pages that got a block after that, and returns the value to pass next time.
     *
     * <p>Write tracking already invalidates every page written after its blocks were
     * translated; the only blocks it can miss are those whose translation raced with the
     * write (the writer's store still in flight while the translator read the old word).
     * Such a translation started after the writer's previous IC invalidation, as the
     * writer's program order puts that invalidation before its store, so dropping the pages
     * translated since then covers it. (Linux on a Cortex-A53, whose CTR_EL0 reports a VIPT
     * instruction cache, issues IC IALLUIS each time it maps a new executable page; dropping
     * the whole cache each time would throw away every block of a running system.)
     */
    public long invalidateTranslatedAfter(long since) {
        long now = sequence.get();
        List<Long> keys = new ArrayList<>();
        pages.forEach((k, page) -> {
            if (page.lastTranslation > since) {
                keys.add(k);
            }
        });
        for (long k : keys) {
            invalidatePage(k << PAGE_SHIFT);
        }
        return now;
    }

    private void kill(CodePage page) {
        invalidations.increment();
        synchronized (page) {
            page.dead = true;
            for (TranslationBlock b : page.slots) {
                if (b != null) {
                    b.invalidate();
                }
            }
        }
    }

    /** Blocks translated since the machine started (a diagnostic for tests and benchmarks). */
    public long translations() { return translations.sum(); }

    /** Code pages invalidated since the machine started. */
    public long pageInvalidations() { return invalidations.sum(); }

    /** Number of physical pages that currently hold cached blocks. */
    public int cachedPages() { return pages.size(); }
}
