package org.emu4e.core.timeline;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.emu4e.engine.api.RunState;
import org.emu4e.engine.api.StateChange;

/**
 * Run-state history of every vCPU of one machine: one {@link CoreHistory} per vCPU, fed with the
 * engine's state changes. Thread-safe; {@link #version()} grows with every recorded transition so
 * a view can tell cheaply whether there is anything new to draw.
 */
public final class MachineTimeline {

    /** Transitions kept per vCPU unless configured otherwise. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final CoreHistory[] cores;
    private final long startNanos;
    private final AtomicLong version = new AtomicLong();

    /**
     * @param initialStates  each vCPU's state when recording begins (its length is the vCPU count)
     * @param startNanos     {@link System#nanoTime()} when recording begins
     * @param capacity       transitions kept per vCPU
     */
    public MachineTimeline(List<RunState> initialStates, long startNanos, int capacity) {
        this.startNanos = startNanos;
        this.cores = new CoreHistory[initialStates.size()];
        for (int i = 0; i < cores.length; i++) {
            cores[i] = new CoreHistory(i, capacity, initialStates.get(i), startNanos);
        }
    }

    /** Records one transition; changes naming a vCPU this machine does not have are ignored. */
    public void record(StateChange change) {
        int cpu = change.cpu();
        if (cpu < 0 || cpu >= cores.length) {
            return;
        }
        cores[cpu].record(change);
        version.incrementAndGet();
    }

    public int cpuCount() { return cores.length; }

    public CoreHistory core(int cpu) { return cores[cpu]; }

    public long startNanos() { return startNanos; }

    /** Number of transitions recorded so far (monotonic). */
    public long version() { return version.get(); }

    /** Transitions dropped over all vCPUs because their rings were full. */
    public long dropped() {
        long sum = 0;
        for (CoreHistory c : cores) {
            sum += c.dropped();
        }
        return sum;
    }

    /** Transitions recorded over all vCPUs, kept or dropped. */
    public long recorded() {
        long sum = 0;
        for (CoreHistory c : cores) {
            sum += c.recorded();
        }
        return sum;
    }
}
