package org.emu4e.junit;

import java.util.ArrayList;
import java.util.List;

import org.emu4e.engine.api.RunState;
import org.emu4e.engine.api.StateChange;
import org.emu4e.engine.api.StateListener;

/**
 * Every vCPU run-state transition of a target since boot, with host timestamps and the
 * instruction count of that vCPU, in the order the listeners heard them.
 */
public final class PowerTrace implements StateListener {
    private final long origin = System.nanoTime();
    private final List<StateChange> changes = new ArrayList<>();

    @Override
    public synchronized void stateChanged(StateChange change) {
        changes.add(change);
    }

    /** All transitions so far. */
    public synchronized List<StateChange> changes() {
        return List.copyOf(changes);
    }

    /** The transitions of one vCPU. */
    public synchronized List<StateChange> of(int cpu) {
        return changes.stream().filter(c -> c.cpu() == cpu).toList();
    }

    /** The states one vCPU went through, starting with the first {@code from}. */
    public synchronized List<RunState> statesOf(int cpu) {
        List<RunState> out = new ArrayList<>();
        for (StateChange c : of(cpu)) {
            if (out.isEmpty()) {
                out.add(c.from());
            }
            out.add(c.to());
        }
        return out;
    }

    /** One line per transition: {@code +12.345ms cpu1 RUNNING -> PMU_HALTED (pmu halt) insns=42}. */
    public synchronized String format() {
        StringBuilder b = new StringBuilder();
        for (StateChange c : changes) {
            b.append(String.format("+%.3fms cpu%d %s -> %s (%s) insns=%d%n", (c.hostTimeNanos() - origin) / 1e6,
                    c.cpu(), c.from(), c.to(), c.reason(), c.instructionCount()));
        }
        return b.toString();
    }
}
