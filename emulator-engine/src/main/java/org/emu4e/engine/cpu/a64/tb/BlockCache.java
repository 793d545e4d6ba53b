package org.emu4e.engine.cpu.a64.tb;

import org.emu4e.engine.memory.BusFault;
import org.emu4e.engine.memory.PhysicalBus;
import org.emu4e.engine.memory.Ram;

/**
 * Where a vCPU finds translation blocks: its bus view onto the machine's translated code. The
 * blocks of RAM live with the RAM region ({@link RamBlocks}), so every vCPU shares them even
 * when boards give each vCPU its own bus view (the virt board does, for the banked GIC
 * registers); blocks fetched from a device region are decoded on each entry, never cached.
 *
 * <p>Coherence with guest memory (self-modifying and cross-modifying code): any write to a
 * page holding blocks invalidates the page's blocks before the write's instruction retires;
 * a vCPU notices at its next block entry, or at once if it is executing the block being
 * overwritten. Instruction-cache invalidation by the guest (IC IVAU, IC IALLU[IS]) also drops
 * blocks, so code modified by the sequence ARM ARM B2.4.4 ("Concurrent modification and
 * execution of instructions": DC CVAU, DSB, IC IVAU, DSB, ISB) is re-translated even if the
 * write raced with its translation.
 */
public final class BlockCache {
    private final PhysicalBus bus;

    public BlockCache(PhysicalBus bus) {
        this.bus = bus;
    }

    /**
     * The valid block starting at physical address {@code pa}, translated now if needed.
     *
     * @throws BusFault if nothing is mapped at {@code pa}
     */
    public TranslationBlock blockAt(long pa) {
        Ram ram = bus.ramAt(pa, 4);
        if (ram == null) {
            return BlockTranslator.translate(bus, null, pa);
        }
        return RamBlocks.of(ram).blockAt(pa);
    }

    /** Drops every block in the physical page holding {@code pa} (IC IVAU). */
    public void invalidatePage(long pa) {
        Ram ram = bus.ramAt(pa & ~0xFFFL, 1);
        if (ram != null) {
            RamBlocks.of(ram).invalidatePage(pa);
        }
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
        long now = BlockTranslator.SEQUENCE.get();
        for (Ram r : bus.rams()) {
            RamBlocks.of(r).invalidateTranslatedAfter(since);
        }
        return now;
    }

    /** Blocks translated from this bus's RAM since the machine started (a diagnostic). */
    public long translations() {
        long n = 0;
        for (Ram r : bus.rams()) {
            n += RamBlocks.of(r).translations.sum();
        }
        return n;
    }

    /** Code pages invalidated since the machine started. */
    public long pageInvalidations() {
        long n = 0;
        for (Ram r : bus.rams()) {
            n += RamBlocks.of(r).invalidations.sum();
        }
        return n;
    }

    /** Number of physical pages that currently hold cached blocks. */
    public int cachedPages() {
        int n = 0;
        for (Ram r : bus.rams()) {
            n += RamBlocks.of(r).cachedPages();
        }
        return n;
    }
}
