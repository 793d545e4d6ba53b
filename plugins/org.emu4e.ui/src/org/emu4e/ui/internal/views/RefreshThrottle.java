package org.emu4e.ui.internal.views;

import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.ui.progress.UIJob;

/**
 * Coalesces refresh requests from any thread into one run on the UI thread, at most one per
 * {@link #MIN_INTERVAL_MS} (so at most 20 a second however many engine events arrive). While
 * {@link #setActive active} is false (the view is hidden) requests are dropped.
 */
final class RefreshThrottle extends UIJob {
    static final long MIN_INTERVAL_MS = 50;

    private final Runnable refresh;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean active = true;
    private volatile long lastRunMs;

    RefreshThrottle(Runnable refresh) {
        super("Refresh vCPU State view");
        this.refresh = refresh;
        setSystem(true);
    }

    void setActive(boolean active) {
        this.active = active;
    }

    /** Asks for a refresh no sooner than {@code delayMs} from now (and the minimum interval). */
    void request(long delayMs) {
        if (active && pending.compareAndSet(false, true)) {
            long sinceLast = System.currentTimeMillis() - lastRunMs;
            schedule(Math.max(delayMs, MIN_INTERVAL_MS - sinceLast));
        }
    }

    @Override
    public IStatus runInUIThread(IProgressMonitor monitor) {
        pending.set(false);
        lastRunMs = System.currentTimeMillis();
        if (!active || monitor.isCanceled()) {
            return Status.CANCEL_STATUS;
        }
        refresh.run();
        return Status.OK_STATUS;
    }
}
