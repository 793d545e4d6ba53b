package org.emu4e.engine.runtime;

import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive sections (QEMU's start_exclusive/end_exclusive idea, written anew): a vCPU enters
 * guest code only through {@link #enterGuest}, which blocks while an exclusive section is open
 * or wanted; {@link #startExclusive} kicks every vCPU out of guest code and waits until none is
 * left in it. vCPUs sleeping in their wait path are outside guest code, so they count as
 * quiescent and are not woken: they just cannot re-enter guest code until the section ends.
 * <p>
 * Lock order: this gate's lock is a leaf except for the volatile kick flags it sets.
 */
final class ExclusiveGate {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private List<VcpuThread> vcpus = List.of();
    private int inGuest;
    private boolean exclusive;
    private boolean closed;

    void setVcpus(List<VcpuThread> all) {
        this.vcpus = List.copyOf(all);
    }

    /** Enters guest code; false if the machine is closing. Never called with the big lock held. */
    boolean enterGuest() {
        lock.lock();
        try {
            while (exclusive && !closed) {
                changed.awaitUninterruptibly();
            }
            if (closed) {
                return false;
            }
            inGuest++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    void leaveGuest() {
        lock.lock();
        try {
            inGuest--;
            if (inGuest < 0) {
                throw new IllegalStateException("guest-code count below zero");
            }
            if (exclusive && inGuest == 0) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Opens an exclusive section; returns once no vCPU runs guest code. Called outside guest code. */
    void startExclusive() {
        lock.lock();
        try {
            while (exclusive && !closed) {
                changed.awaitUninterruptibly();
            }
            exclusive = true;
            for (VcpuThread v : vcpus) {
                v.requestExit();
            }
            while (inGuest > 0 && !closed) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    void endExclusive() {
        lock.lock();
        try {
            exclusive = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Number of vCPUs executing guest code right now (0 inside an exclusive section). */
    int vcpusInGuestCode() {
        lock.lock();
        try {
            return inGuest;
        } finally {
            lock.unlock();
        }
    }

    boolean isExclusive() {
        lock.lock();
        try {
            return exclusive;
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
