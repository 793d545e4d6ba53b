package org.emu4e.engine.runtime;

import java.util.ArrayList;
import java.util.List;

import org.emu4e.engine.memory.Ram;

/**
 * The vCPUs of one RAM region asleep in WFE with their exclusive monitor armed (the LDAXR;
 * WFE wait of Linux locks and of {@code smp_cond_load_acquire}). A store to the monitored
 * location clears the PE's global monitor, which generates a WFE wake-up event (ARM ARM
 * D1.16.1, B2.9.2); the region calls {@link #watchedWritten} on the storing thread for a
 * write to a watched page, and the sleepers whose location it overlaps are woken at once.
 *
 * <p>Registration is rare (once per WFE sleep) and synchronized; notification reads an
 * immutable snapshot. A store racing with the registration may go unnoticed (the store and
 * the page mark are not fenced against each other on the storing side): the sleeper also
 * re-reads the location at growing intervals, so that costs latency, never a lost wake-up.
 */
final class MonitorWaiters implements Ram.WatchListener {
    private record Waiter(VcpuThread vcpu, long pa, int size) {
        boolean overlaps(long from, int len) {
            return from < pa + size && pa < from + len;
        }
    }

    private final Ram ram;
    private final List<Waiter> waiters = new ArrayList<>(); // guarded by this
    private volatile Waiter[] snapshot = new Waiter[0];

    private MonitorWaiters(Ram ram) {
        this.ram = ram;
        ram.setWatchListener(this);
    }

    static MonitorWaiters of(Ram ram) {
        return ram.shared(MonitorWaiters.class, MonitorWaiters::new);
    }

    synchronized void add(VcpuThread vcpu, long pa, int size) {
        waiters.add(new Waiter(vcpu, pa, size));
        snapshot = waiters.toArray(Waiter[]::new);
        ram.markWatched(pa);
        ram.markWatched(pa + size - 1);
    }

    synchronized void remove(VcpuThread vcpu) {
        Waiter gone = null;
        for (int i = 0; i < waiters.size(); i++) {
            if (waiters.get(i).vcpu == vcpu) {
                gone = waiters.remove(i);
                break;
            }
        }
        snapshot = waiters.toArray(Waiter[]::new);
        if (gone != null) {
            unmarkIfUnwatched(gone.pa);
            unmarkIfUnwatched(gone.pa + gone.size - 1);
        }
    }

    private void unmarkIfUnwatched(long pa) {
        long page = pa >>> Ram.PAGE_SHIFT;
        for (Waiter w : waiters) {
            if (w.pa >>> Ram.PAGE_SHIFT == page || (w.pa + w.size - 1) >>> Ram.PAGE_SHIFT == page) {
                return;
            }
        }
        ram.unmarkWatched(pa);
    }

    @Override
    public void watchedWritten(long physicalAddress, int size) {
        for (Waiter w : snapshot) {
            if (w.overlaps(physicalAddress, size)) {
                w.vcpu.wakeUp();
            }
        }
    }
}
