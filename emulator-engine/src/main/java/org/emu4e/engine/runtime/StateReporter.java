package org.emu4e.engine.runtime;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.emu4e.engine.api.RunState;
import org.emu4e.engine.api.StateChange;
import org.emu4e.engine.api.StateListener;
import org.emu4e.engine.api.VcpuStatus;
import org.emu4e.engine.cpu.a64.A64Cpu;

/**
 * The reported run state of one vCPU and its time/instruction accounting. Written only by the
 * vCPU's own thread ({@link #change}, {@link #refresh}); read by any thread through the
 * volatile {@link #status()} snapshot and {@link #awaitAnnounced}.
 */
final class StateReporter {
    private static final RunState[] STATES = RunState.values();
    private static final System.Logger LOG = System.getLogger(StateReporter.class.getName());

    private record Published(VcpuStatus status, long enteredNanos) { }

    private final int index;
    private final long mpidr;
    private final A64Cpu cpu;
    private final long[] nanos = new long[STATES.length];
    private final long[] insns = new long[STATES.length];
    private RunState reported;
    private long enteredNanos;
    private long enteredInsns;
    private volatile Published published;
    /** The state every listener has been told of; guarded by {@code this} for waiting. */
    private RunState announced;

    StateReporter(int index, long mpidr, A64Cpu cpu, RunState initial) {
        this.index = index;
        this.mpidr = mpidr;
        this.cpu = cpu;
        this.reported = initial;
        this.announced = initial;
        this.enteredNanos = System.nanoTime();
        publish(enteredNanos);
    }

    RunState reported() { return reported; }

    /** Reports a transition (vCPU thread only); listeners run here, outside the big lock. */
    void change(RunState to, String reason, List<StateListener> listeners) {
        RunState from = reported;
        if (from == to) {
            return;
        }
        long now = System.nanoTime();
        account(now);
        reported = to;
        publish(now);
        StateChange c = new StateChange(index, from, to, reason, now, cpu.instructions);
        for (StateListener l : listeners) {
            try {
                l.stateChanged(c);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "state listener failed", e);
            }
        }
        synchronized (this) {
            announced = to;
            notifyAll();
        }
    }

    /** Refreshes PC, EL and counters in the snapshot (vCPU thread, at budget exits). */
    void refresh() {
        long now = System.nanoTime();
        account(now);
        publish(now);
    }

    private void account(long now) {
        int i = reported.ordinal();
        nanos[i] += now - enteredNanos;
        insns[i] += cpu.instructions - enteredInsns;
        enteredNanos = now;
        enteredInsns = cpu.instructions;
    }

    private void publish(long now) {
        published = new Published(new VcpuStatus(index, mpidr, reported, cpu.state().pc, cpu.state().el,
                cpu.instructions, map(nanos), map(insns)), now);
    }

    private static Map<RunState, Long> map(long[] values) {
        EnumMap<RunState, Long> m = new EnumMap<>(RunState.class);
        for (RunState s : STATES) {
            m.put(s, values[s.ordinal()]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** The last snapshot with the time spent in the current state so far added. Any thread. */
    VcpuStatus status() {
        Published p = published;
        VcpuStatus s = p.status();
        EnumMap<RunState, Long> n = new EnumMap<>(s.nanosInState());
        n.merge(s.state(), System.nanoTime() - p.enteredNanos(), Long::sum);
        return new VcpuStatus(s.index(), s.mpidr(), s.state(), s.pc(), s.el(), s.instructionCount(),
                Collections.unmodifiableMap(n), s.instructionsInState());
    }

    RunState state() { return published.status().state(); }

    boolean awaitAnnounced(RunState state, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (this) {
            while (announced != state) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000), 0);
            }
            return true;
        }
    }

    /** Wakes waiters so they can notice the machine has shut down. */
    synchronized void wakeWaiters() {
        notifyAll();
    }
}
