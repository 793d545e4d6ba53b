package org.emu4e.engine.control.transport;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads named {@code emu4e-ctl-...}, so leaks are easy to spot. */
public final class NamedThreads implements ThreadFactory {
    public static final String PREFIX = "emu4e-ctl-";
    private final String name;
    private final AtomicInteger n = new AtomicInteger();

    public NamedThreads(String name) {
        this.name = PREFIX + name;
    }

    @Override
    public Thread newThread(Runnable r) {
        int i = n.getAndIncrement();
        Thread t = new Thread(r, i == 0 ? name : name + "-" + i);
        t.setDaemon(true);
        return t;
    }
}
