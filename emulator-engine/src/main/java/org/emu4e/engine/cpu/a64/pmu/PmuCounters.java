package org.emu4e.engine.cpu.a64.pmu;

/**
 * The count values of one PMU and the overflow flags their carries set (ARM ARM D7
 * "Overflow"): {@link Pmu#COUNTERS} 32-bit event counters and the 64-bit cycle counter, which
 * counts every 64th cycle while PMCR_EL0.D is set and overflows at a carry out of bit 31, or of
 * bit 63 with PMCR_EL0.LC. Which counter counts what is {@link Pmu}'s business.
 */
final class PmuCounters {
    static final int CYCLE = PmuFilter.CYCLE;

    final long[] event = new long[Pmu.COUNTERS];
    long cycles;
    /** PMOVSSET_EL0: bit n for event counter n, bit 31 for the cycle counter. */
    int overflow;
    /** Cycles not yet counted while PMCR_EL0.D divides by 64 (0..63). */
    private int divided;

    void reset() {
        java.util.Arrays.fill(event, 0);
        cycles = 0;
        overflow = 0;
        divided = 0;
    }

    void resetCycles() {
        cycles = 0;
        divided = 0;
    }

    /** Adds {@code by} to event counter n; returns the number of carries out of bit 31 (each sets PMOVS bit n). */
    long add(int n, long by) {
        long v = event[n] + by;
        long wraps = v >>> 32;
        event[n] = v & 0xFFFF_FFFFL;
        if (wraps != 0) {
            overflow |= 1 << n;
        }
        return wraps;
    }

    void addCycles(long count, boolean divide, boolean longCounter) {
        long ticks = count;
        if (divide) {
            long t = divided + count;
            ticks = t >>> 6;
            divided = (int) (t & 63);
        }
        if (ticks == 0) {
            return;
        }
        long old = cycles;
        cycles = old + ticks;
        boolean carry = longCounter ? Long.compareUnsigned(cycles, old) < 0
                : ((old & 0xFFFF_FFFFL) + ticks) >>> 32 != 0;
        if (carry) {
            overflow |= 1 << CYCLE;
        }
    }

    /** Increments of event counter n until it overflows (at least 1). */
    long eventsToOverflow(int n) {
        return (1L << 32) - event[n];
    }

    /** Cycles until the cycle counter overflows, Long.MAX_VALUE if that is beyond 2^63. */
    long cyclesToOverflow(boolean divide, boolean longCounter) {
        long c = longCounter ? -cycles : (1L << 32) - (cycles & 0xFFFF_FFFFL);
        if (c <= 0) {
            c = Long.MAX_VALUE;
        }
        if (divide) {
            c = c > (Long.MAX_VALUE >>> 6) ? Long.MAX_VALUE : (c << 6) - divided;
        }
        return c;
    }
}
