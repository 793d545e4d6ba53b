package org.emu4e.engine.cpu.a64.mmu;

import java.util.Arrays;

/**
 * A direct-mapped software TLB of 4 KB translations (larger blocks and pages are entered
 * one 4 KB piece at a time). Owned by one vCPU thread; other PEs' invalidations arrive as
 * work on that thread. Entry fields live in parallel arrays so a lookup allocates nothing.
 *
 * <p>Tag: VA[55:12] | regime << 44. Meta: permission bits, device, level, global, TBI and
 * log2 of the entry's real size. Ctx: for non-global entries, the ASID in bits [15:0] and
 * the owning PE's TTBR epoch above, so a TTBR write retires all non-global entries at once.
 */
final class SoftTlb {
    static final long VPN_MASK = (1L << 44) - 1;
    static final int DEVICE = 1 << 6;
    static final int LEVEL_SHIFT = 7;
    static final int GLOBAL = 1 << 9;
    static final int TBI = 1 << 10;
    static final int SIZE_SHIFT = 11;

    final int mask;
    final long[] tag;
    final long[] pa;
    final int[] meta;
    final int[] ctx;
    /** Some entry covers more than 4 KB: invalidation by VA must scan. */
    boolean hasLarge;

    SoftTlb(int entries) {
        mask = entries - 1;
        tag = new long[entries];
        pa = new long[entries];
        meta = new int[entries];
        ctx = new int[entries];
        flush();
    }

    static long key(long va, int regime) {
        return ((va >>> 12) & VPN_MASK) | ((long) regime << 44);
    }

    int index(long key) {
        return (int) (key ^ (key >>> 44)) & mask;
    }

    void insert(long key, long paPage, int metaBits, int context) {
        int i = index(key);
        tag[i] = key;
        pa[i] = paPage;
        meta[i] = metaBits;
        ctx[i] = context;
        if ((metaBits >>> SIZE_SHIFT) > 12) {
            hasLarge = true;
        }
    }

    void flush() {
        Arrays.fill(tag, -1L);
        hasLarge = false;
    }

    /** Removes entries matching {@code regime} (0 = any) accepted by {@code m}. */
    void flushIf(EntryMatcher m) {
        for (int i = 0; i <= mask; i++) {
            if (tag[i] != -1L && m.matches(tag[i], meta[i], ctx[i])) {
                tag[i] = -1L;
            }
        }
    }

    @FunctionalInterface
    interface EntryMatcher {
        boolean matches(long tag, int meta, int ctx);
    }

    /** Invalidates the entries translating VA page {@code vpn} (VA[55:12]) in any regime. */
    void flushVa(long vpn, EntryMatcher extra) {
        if (!hasLarge) {
            for (int regime = 1; regime <= 3; regime++) {
                long k = (vpn & VPN_MASK) | ((long) regime << 44);
                int i = index(k);
                if (tag[i] == k && extra.matches(tag[i], meta[i], ctx[i])) {
                    tag[i] = -1L;
                }
            }
            return;
        }
        flushIf((t, m, c) -> {
            int size = (m >>> SIZE_SHIFT) & 31;
            long sh = size - 12;
            return ((t & VPN_MASK) >>> sh) == ((vpn & VPN_MASK) >>> sh) && extra.matches(t, m, c);
        });
    }
}
