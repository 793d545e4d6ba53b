package org.emu4e.engine.api;

/**
 * A vCPU stopped for the debugger.
 *
 * @param address the breakpoint PC or the watched data address; the PC for other reasons
 */
public record DebugStop(int cpu, Reason reason, long address) {
    public enum Reason { REQUESTED, BREAKPOINT, WATCHPOINT, STEP, GUEST_SHUTDOWN }
}
