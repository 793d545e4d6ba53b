package org.emu4e.engine.api;

/**
 * What a debugger (the GDB stub) installs on a CPU: breakpoints and watchpoints. Installed
 * and changed only as exclusive (safe) work, so the CPU reads it without synchronisation.
 */
public interface DebugHooks {
    /** True if execution must stop before the instruction at virtual address {@code pc}. */
    boolean breakpointAt(long pc);

    /**
     * True if a breakpoint may be in [{@code from}, {@code to}): the CPU checks every
     * instruction of a translation block only when this holds for the block's range.
     */
    default boolean anyBreakpointIn(long from, long to) {
        return true;
    }

    /**
     * Checks a data access against the watchpoints; returns the watched address hit or -1.
     * {@code write} is true for stores.
     */
    long watchpointHit(long va, int size, boolean write);

    /** True if any watchpoint is set (lets the CPU skip {@link #watchpointHit} entirely). */
    boolean hasWatchpoints();
}
