package org.emu4e.engine.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLongArray;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.RunState;
import org.emu4e.engine.api.StateChange;
import org.emu4e.engine.api.StateListener;

/**
 * Records every vCPU's state changes and checks, as they arrive, that each change chains onto
 * the previous one (from == previous to), that it arrives on the vCPU's own thread outside the
 * big lock, and that it really changes something.
 */
final class StateRecorder implements StateListener {
    private final RunState[] last;
    private final AtomicLongArray counts;
    private final boolean keep;
    private final java.util.concurrent.locks.ReentrantLock bigLock;
    private final List<List<StateChange>> history = new ArrayList<>();
    final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

    StateRecorder(Machine m, boolean keep) {
        int n = m.cpuCount();
        this.keep = keep;
        this.bigLock = MachineInternals.of(m).bigLock();
        last = new RunState[n];
        counts = new AtomicLongArray(n);
        for (int i = 0; i < n; i++) {
            last[i] = m.vcpu(i).status().state();
            history.add(new ArrayList<>());
        }
        m.addStateListener(this);
    }

    @Override
    public void stateChanged(StateChange c) {
        int i = c.cpu();
        if (!Thread.currentThread().getName().equals("emu4e-vcpu-" + i)) {
            violations.add("change of cpu " + i + " reported on " + Thread.currentThread().getName());
        }
        if (bigLock.isHeldByCurrentThread()) {
            violations.add("change of cpu " + i + " reported under the big lock");
        }
        if (c.from() != last[i]) {
            violations.add("cpu " + i + " chain broken: previous to=" + last[i] + " but " + c);
        }
        if (c.from() == c.to()) {
            violations.add("cpu " + i + " no-op change " + c);
        }
        last[i] = c.to();
        counts.incrementAndGet(i);
        if (keep) {
            synchronized (history.get(i)) {
                history.get(i).add(c);
            }
        }
    }

    long count(int cpu) { return counts.get(cpu); }

    long total() {
        long t = 0;
        for (int i = 0; i < counts.length(); i++) {
            t += counts.get(i);
        }
        return t;
    }

    List<StateChange> changes(int cpu) {
        List<StateChange> h = history.get(cpu);
        synchronized (h) {
            return List.copyOf(h);
        }
    }

    /** The recorded sequence of states of {@code cpu}: from of the first change, then every to. */
    List<RunState> states(int cpu) {
        List<StateChange> h = history.get(cpu);
        synchronized (h) {
            List<RunState> out = new ArrayList<>();
            if (!h.isEmpty()) {
                out.add(h.get(0).from());
            }
            for (StateChange c : h) {
                out.add(c.to());
            }
            return out;
        }
    }
}
