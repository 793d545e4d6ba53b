package org.emu4e.engine.runtime;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import org.emu4e.engine.memory.Ram;

/**
 * Where a vCPU sleeps. A waker changes its condition first (queues work, raises a line, sets a
 * flag) and then calls {@link #wakeUp}, which sets {@code kicked} under the lock; the sleeper
 * sleeps only while {@code kicked} is false, clears it when it wakes, and then re-checks every
 * condition. A wake-up landing between the sleeper's checks and its sleep therefore leaves
 * {@code kicked} set and the sleep does not happen: no lost wake-ups. The lock is a leaf.
 */
final class WaitPath {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean kicked; // guarded by lock

    void wakeUp() {
        lock.lock();
        try {
            kicked = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Sleeps until woken or {@code done} holds (checked under the lock); consumes the wake-up. */
    void sleep(BooleanSupplier done) {
        lock.lock();
        try {
            while (!kicked && !done.getAsBoolean()) {
                wake.awaitUninterruptibly();
            }
            kicked = false;
        } finally {
            lock.unlock();
        }
    }

    /** Like {@link #sleep} but returns after one wait at most (for callers that re-check themselves). */
    void sleepOnce(BooleanSupplier done) {
        lock.lock();
        try {
            if (!kicked && !done.getAsBoolean()) {
                wake.awaitUninterruptibly();
            }
            kicked = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Like {@link #sleep} but also ends at host time {@code deadlineNanos} (System.nanoTime);
     * returns true if it ended because the deadline passed. Consumes the wake-up.
     */
    boolean sleepUntil(long deadlineNanos, BooleanSupplier done) {
        lock.lock();
        try {
            while (!kicked && !done.getAsBoolean()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                try {
                    wake.awaitNanos(left);
                } catch (InterruptedException e) {
                    // re-check the conditions and the deadline
                }
            }
            return false;
        } finally {
            kicked = false;
            lock.unlock();
        }
    }

    /**
     * Sleeps in slices growing from {@code minSlice} to {@code maxSlice} while watching {@code size} bytes of RAM at
     * {@code pa}: returns "monitor" when they no longer equal {@code expect}, "wfe timeout" after
     * {@code maxNanos}, or null when woken or {@code done} holds.
     */
    String sleepWatching(Ram ram, long pa, int size, long expect, long maxNanos, long minSlice,
            long maxSlice, BooleanSupplier done) {
        long slice = Math.min(minSlice, maxSlice);
        long waited = 0;
        lock.lock();
        try {
            while (!kicked && !done.getAsBoolean()) {
                if (ram.read(pa, size) != expect) {
                    return "monitor";
                }
                if (waited >= maxNanos) {
                    return "wfe timeout";
                }
                long left;
                try {
                    left = wake.awaitNanos(slice);
                } catch (InterruptedException e) {
                    left = 0;
                }
                waited += slice - Math.max(0, left);
                slice = Math.min(slice * 2, maxSlice);
            }
            return null;
        } finally {
            kicked = false;
            lock.unlock();
        }
    }
}
