package org.emu4e.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Many machines in one JVM, sequentially and concurrently, leave no engine thread behind. */
class ThreadLeakTest {
    private static final TargetSpec SPEC = TargetSpec.kernel("tests/firmware/build/pmu-handshake.elf").smp(2);

    @Test
    void bootingAndClosingManyTargetsLeaksNoThreads() throws Exception {
        // One warm-up target, so lazily created shared threads (if any) exist before counting.
        bootOnce();
        long before = engineThreads();
        for (int i = 0; i < 6; i++) {
            bootOnce();
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Void>> fs = IntStream.range(0, 6).mapToObj(i -> pool.submit(ThreadLeakTest::bootOnce)).toList();
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (engineThreads() > before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(before, engineThreads(), "engine threads after 12 targets: " + names());
    }

    private static Void bootOnce() {
        try (TargetHandle t = TargetHandle.boot(SPEC)) {
            t.uart().expectLine("firmware ready", Duration.ofSeconds(20));
            t.pmu().halt(1);
            t.pmu().resume(1);
        }
        return null;
    }

    private static long engineThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith("emu4e")).count();
    }

    private static List<String> names() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).filter(n -> n.startsWith("emu4e")).sorted().toList();
    }
}
