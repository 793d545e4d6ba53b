package org.emu4e.engine.runtime;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.emu4e.engine.api.RunState;

/**
 * Benchmark (not a test): PMU halt latency, from {@code pmu().halt(cpu)} to the future's
 * completion (the vCPU has reported PMU_HALTED on its own thread), for a busy vCPU and for one
 * asleep in WFI. Run with bench/halt-latency.sh; prints median, p99 and max in microseconds.
 */
public final class HaltLatencyBench {
    private HaltLatencyBench() { }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        TestBoard board = new TestBoard(2, false, TestBoard.BUSY, TestBoard.WFI_LOOP);
        MttcgMachine m = new MttcgMachine(board);
        m.start();
        try {
            if (!m.vcpu(1).awaitState(RunState.WFI, java.time.Duration.ofSeconds(10))) {
                throw new IllegalStateException("cpu 1 never reached WFI");
            }
            measure(m, 0, "busy", n / 5, false);
            measure(m, 0, "busy", n, true);
            measure(m, 1, "WFI", n / 5, false);
            measure(m, 1, "WFI", n, true);
        } finally {
            m.shutdown();
        }
    }

    private static void measure(MttcgMachine m, int cpu, String what, int n, boolean print) throws Exception {
        long[] halt = new long[n];
        long[] resume = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            RunState s = m.pmu().halt(cpu).get(10, TimeUnit.SECONDS);
            long t1 = System.nanoTime();
            if (s != RunState.PMU_HALTED) {
                throw new IllegalStateException("halt reported " + s);
            }
            m.pmu().resume(cpu).get(10, TimeUnit.SECONDS);
            long t2 = System.nanoTime();
            halt[i] = t1 - t0;
            resume[i] = t2 - t1;
        }
        if (print) {
            System.out.printf("%-5s target: halt  median %7.1f us  p99 %8.1f us  max %9.1f us  (n=%d)%n", what,
                    pct(halt, 50), pct(halt, 99), pct(halt, 100), n);
            System.out.printf("%-5s target: resume median %6.1f us  p99 %8.1f us  max %9.1f us%n", what,
                    pct(resume, 50), pct(resume, 99), pct(resume, 100));
        }
    }

    private static double pct(long[] v, int p) {
        long[] s = v.clone();
        Arrays.sort(s);
        int i = Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1);
        return s[Math.max(0, i)] / 1000.0;
    }
}
