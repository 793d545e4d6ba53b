package org.emu4e.engine.cpu.a64.tb;

import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.emu4e.engine.memory.Ram;

/**
 * The translated code of one RAM region, shared by every vCPU and bus view that maps it:
 * blocks by physical address, grouped per 4 KiB page so a write to a page drops exactly the
 * blocks on it. It is the region's {@link Ram.CodeWriteListener}: a page holding blocks is
 * marked as code, and any write to it (by any vCPU, a loader or the debugger) invalidates the
 * page's blocks on the writing thread, before the write's instruction retires.
 */
final class RamBlocks implements Ram.CodeWriteListener {
    private static final int PAGE_SHIFT = 12;
    private static final long PAGE_MASK = (1L << PAGE_SHIFT) - 1;

    /** The blocks starting in one physical page. Dead once invalidated; a new one replaces it. */
    private static final class CodePage {
        final TranslationBlock[] slots = new TranslationBlock[1 << (PAGE_SHIFT - 2)];
        boolean dead; // guarded by this
        volatile long lastTranslation; // BlockTranslator.SEQUENCE at the newest block published here

        synchronized boolean isDead() { return dead; }
    }

    private final Ram ram;
    private final ConcurrentHashMap<Long, CodePage> pages = new ConcurrentHashMap<>();
    final LongAdder translations = new LongAdder();
    final LongAdder invalidations = new LongAdder();

    private RamBlocks(Ram ram) {
        this.ram = ram;
        ram.setCodeWriteListener(this);
    }

    static RamBlocks of(Ram ram) {
        return ram.shared(RamBlocks.class, RamBlocks::new);
    }

    /** The valid block at {@code pa} (in this RAM), translated now if needed. */
    TranslationBlock blockAt(long pa) {
        int slot = (int) (pa & PAGE_MASK) >>> 2;
        Long key = pa >>> PAGE_SHIFT;
        while (true) {
            CodePage page = pages.computeIfAbsent(key, k -> new CodePage());
            TranslationBlock b = page.slots[slot];
            if (b != null && b.isValid()) {
                return b;
            }
            if (page.isDead()) {
                pages.remove(key, page); // help an invalidation that has not removed it yet
                continue;
            }
            // Mark first, then read: a write that lands after the mark invalidates this page
            // (and so the block being built); the fence orders the mark before the reads.
            ram.markCode(pa);
            VarHandle.fullFence();
            translations.increment();
            b = BlockTranslator.translate(null, ram, pa);
            synchronized (page) {
                if (!page.dead) {
                    TranslationBlock other = page.slots[slot];
                    if (other != null) {
                        // Another vCPU translated the same block meanwhile: use its block. (A
                        // replaced block would escape the page's invalidation and stay valid.)
                        return other;
                    }
                    page.slots[slot] = b;
                    page.lastTranslation = BlockTranslator.SEQUENCE.incrementAndGet();
                    return b;
                }
            }
            // The page was written while we decoded it: decode again from the new contents.
        }
    }

    @Override
    public void codeWritten(long physicalAddress, int size) {
        long first = physicalAddress >>> PAGE_SHIFT;
        long last = (physicalAddress + Math.max(size, 1) - 1) >>> PAGE_SHIFT;
        for (long p = first; p <= last; p++) {
            invalidatePage(p << PAGE_SHIFT);
        }
    }

    /**
     * Kills the page's blocks first and only then lets a new page take its place, so no
     * vCPU can run a block translated from the new contents while one from the old contents
     * is still valid (a vCPU never goes back to older code once it ran newer).
     */
    void invalidatePage(long pa) {
        ram.unmarkCode(pa); // first: a translation from now on marks the page again
        Long key = pa >>> PAGE_SHIFT;
        CodePage page = pages.get(key);
        if (page == null) {
            return;
        }
        synchronized (page) {
            if (!page.dead) {
                page.dead = true;
                invalidations.increment();
                for (TranslationBlock b : page.slots) {
                    if (b != null) {
                        b.invalidate();
                    }
                }
            }
        }
        pages.remove(key, page);
    }

    void invalidateTranslatedAfter(long since) {
        List<Long> keys = new ArrayList<>();
        pages.forEach((k, page) -> {
            if (page.lastTranslation > since) {
                keys.add(k);
            }
        });
        for (long k : keys) {
            invalidatePage(k << PAGE_SHIFT);
        }
    }

    int cachedPages() { return pages.size(); }
}
