package org.emu4e.engine.cli;

import java.io.PrintStream;

import org.emu4e.engine.api.StateChange;
import org.emu4e.engine.api.StateListener;

/**
 * --trace-power: one line per vCPU run-state change, e.g.
 * {@code t=1234567 cpu2 WFI -> PMU_HALTED (pmu halt) insns=48211}, with t in nanoseconds since
 * the machine was created.
 */
public final class PowerTrace implements StateListener {
    private final PrintStream out;
    private final long origin;

    public PowerTrace(PrintStream out, long originNanos) {
        this.out = out;
        this.origin = originNanos;
    }

    public static String format(StateChange c, long originNanos) {
        return "t=" + (c.hostTimeNanos() - originNanos) + " cpu" + c.cpu() + " " + c.from() + " -> " + c.to()
                + " (" + c.reason() + ") insns=" + c.instructionCount();
    }

    @Override
    public void stateChanged(StateChange change) {
        out.println(format(change, origin));
    }
}
