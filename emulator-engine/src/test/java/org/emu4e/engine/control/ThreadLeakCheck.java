package org.emu4e.engine.control;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

import org.emu4e.engine.control.transport.NamedThreads;

/** Asserts that no control-protocol thread survives (waits a little for threads that are ending). */
final class ThreadLeakCheck {
    private ThreadLeakCheck() {
    }

    static void assertNoControlThreads() throws InterruptedException {
        List<String> alive = List.of();
        for (int i = 0; i < 100; i++) {
            alive = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(n -> n.startsWith(NamedThreads.PREFIX)).sorted().toList();
            if (alive.isEmpty()) {
                return;
            }
            Thread.sleep(20);
        }
        fail("control threads still alive: " + alive);
    }
}
