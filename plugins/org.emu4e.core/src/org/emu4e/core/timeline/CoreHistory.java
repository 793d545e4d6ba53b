package org.emu4e.core.timeline;

import java.util.ArrayList;
import java.util.List;

import org.emu4e.engine.api.RunState;
import org.emu4e.engine.api.StateChange;

/**
 * The run-state transitions of one vCPU, newest kept: a ring of at most {@code capacity}
 * transitions; when full the oldest is dropped and counted. Fed by the vCPU's own thread (the
 * engine reports one vCPU's transitions in order on that thread); read by any thread. Readers
 * copy what they need under the lock and work on the copy, so a repaint never holds up a vCPU
 * for longer than an array copy.
 */
public final class CoreHistory {

    /** The reason shown for the state a vCPU was in when recording began. */
    public static final String INITIAL_REASON = "initial";

    private final int cpu;
    private final StateChange[] ring;
    private final RunState initialState;
    private final long initialNanos;
    private int head; // index of the oldest kept transition
    private int size;
    private long dropped;

    CoreHistory(int cpu, int capacity, RunState initialState, long initialNanos) {
        if (capacity < 1) {
            throw new IllegalArgumentException("history capacity must be at least 1, was " + capacity);
        }
        this.cpu = cpu;
        this.ring = new StateChange[capacity];
        this.initialState = initialState;
        this.initialNanos = initialNanos;
    }

    public int cpu() { return cpu; }

    public int capacity() { return ring.length; }

    /** Appends a transition, dropping the oldest when the ring is full. */
    public synchronized void record(StateChange change) {
        if (size == ring.length) {
            ring[head] = change;
            head = (head + 1) % ring.length;
            dropped++;
        } else {
            ring[(head + size) % ring.length] = change;
            size++;
        }
    }

    public synchronized int size() { return size; }

    /** Transitions dropped because the ring was full. */
    public synchronized long dropped() { return dropped; }

    /** Transitions ever recorded (kept + dropped). */
    public synchronized long recorded() { return dropped + size; }

    /** The state the vCPU is in now, as far as reported transitions tell. */
    public synchronized Segment current() {
        if (size == 0) {
            return new Segment(cpu, initialState, INITIAL_REASON, initialNanos, Segment.ONGOING);
        }
        StateChange last = at(size - 1);
        return new Segment(cpu, last.to(), last.reason(), last.hostTimeNanos(), Segment.ONGOING);
    }

    /** Start of the history still kept: the oldest kept transition, or the start of recording. */
    public synchronized long firstNanos() {
        return dropped == 0 || size == 0 ? initialNanos : at(0).hostTimeNanos();
    }

    /** A copy of the kept transitions, oldest first. */
    public synchronized List<StateChange> transitions() {
        List<StateChange> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(at(i));
        }
        return out;
    }

    /**
     * The segments that overlap {@code [fromNanos, toNanos]}, oldest first; the last one is
     * ongoing. Time before the oldest kept transition belongs to no segment once transitions
     * have been dropped (its state is unknown).
     */
    public List<Segment> segments(long fromNanos, long toNanos) {
        StateChange[] copy;
        int first;
        RunState startState;
        long startNanos;
        String startReason;
        synchronized (this) {
            first = firstEndingAfter(fromNanos);
            int count = size - first;
            copy = new StateChange[count];
            for (int i = 0; i < count; i++) {
                copy[i] = at(first + i);
            }
            if (first > 0) {
                StateChange before = at(first - 1);
                startState = before.to();
                startNanos = before.hostTimeNanos();
                startReason = before.reason();
            } else if (dropped == 0) {
                startState = initialState;
                startNanos = initialNanos;
                startReason = INITIAL_REASON;
            } else {
                startState = null; // unknown: dropped
                startNanos = 0;
                startReason = null;
            }
        }
        List<Segment> out = new ArrayList<>();
        for (StateChange c : copy) {
            if (startNanos > toNanos) {
                return out;
            }
            if (startState != null) {
                out.add(new Segment(cpu, startState, startReason, startNanos, c.hostTimeNanos()));
            }
            startState = c.to();
            startNanos = c.hostTimeNanos();
            startReason = c.reason();
        }
        if (startState != null && startNanos <= toNanos) {
            out.add(new Segment(cpu, startState, startReason, startNanos, Segment.ONGOING));
        }
        return out;
    }

    /**
     * Samples the history into pixel columns for drawing: {@code out[x]} is the strongest state
     * (the latest in {@link RunState}'s order, so a short halt stays visible at any zoom) the vCPU
     * was in during {@code [from + x * nanosPerColumn, from + (x + 1) * nanosPerColumn)}, or null
     * where that time is not kept. Allocates nothing; the lock is held for one pass over the
     * transitions in the window.
     */
    public synchronized void sample(long from, double nanosPerColumn, RunState[] out) {
        int i = firstEndingAfter(from);
        RunState state;
        long known; // the time from which the state is known
        if (i > 0) {
            state = at(i - 1).to();
            known = Long.MIN_VALUE;
        } else if (dropped == 0) {
            state = initialState;
            known = initialNanos;
        } else {
            state = null;
            known = size > 0 ? at(0).hostTimeNanos() : Long.MAX_VALUE;
        }
        for (int x = 0; x < out.length; x++) {
            long start = from + (long) (x * nanosPerColumn);
            long end = from + (long) ((x + 1) * nanosPerColumn);
            boolean heldAtStart = end > known && (i >= size || at(i).hostTimeNanos() > start);
            RunState strongest = heldAtStart ? state : null;
            while (i < size && at(i).hostTimeNanos() < end) {
                state = at(i).to();
                known = Math.min(known, at(i).hostTimeNanos());
                if (strongest == null || state.ordinal() > strongest.ordinal()) {
                    strongest = state;
                }
                i++;
            }
            out[x] = strongest;
        }
    }

    /** The segment containing {@code nanos}, or null when that time is not (or no longer) kept. */
    public Segment segmentAt(long nanos) {
        List<Segment> s = segments(nanos, nanos);
        for (Segment seg : s) {
            if (seg.startNanos() <= nanos && nanos < seg.endNanos()) {
                return seg;
            }
        }
        return null;
    }

    /** Index (0 = oldest kept) of the first transition at or after {@code nanos}; size if none. */
    private int firstEndingAfter(long nanos) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (at(mid).hostTimeNanos() < nanos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private StateChange at(int i) {
        return ring[(head + i) % ring.length];
    }
}
