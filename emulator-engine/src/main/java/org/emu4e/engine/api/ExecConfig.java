package org.emu4e.engine.api;

/**
 * Execution mode of a machine's vCPUs and the translator's tuning.
 *
 * @param mode        interpreter or translator
 * @param threshold   a block runs interpreted this many times before it is translated (0: at once)
 * @param windowNanos the entries that count towards the threshold must fall within this many
 *                    nanoseconds (0: no limit); a block that takes longer starts its count again, so
 *                    a block is translated only while it is hot
 */
public record ExecConfig(ExecMode mode, int threshold, long windowNanos) {
    /** System property selecting the default mode ({@code interp} or {@code jit}, the default). */
    public static final String MODE_PROPERTY = "emu4e.exec";
    /** System property with the default {@link #threshold}. */
    public static final String THRESHOLD_PROPERTY = "emu4e.jit.threshold";
    /**
     * Executions before translation when nothing else is said. A translated block costs a
     * class definition, bytecode verification and HotSpot's own warm-up (the JVM interprets the
     * new method until it compiles it), so only blocks entered this often repay it; code that
     * runs a few hundred times (most of a kernel boot) stays interpreted.
     */
    public static final int DEFAULT_THRESHOLD = 1000;
    /** System property: milliseconds within which a block's entries must reach the threshold (0: no window). */
    public static final String WINDOW_PROPERTY = "emu4e.jit.window";
    /**
     * The window when nothing else is said. A block is worth its translation only if it runs
     * often from now on; its recent entry rate predicts that. Kernel code entered a few
     * thousand times spread over a boot never pays for its class and HotSpot's compilations,
     * while a loop entered a thousand times within a few milliseconds does (measured in
     * bench/README.md: the translated Linux boot 15 s without the window, 8.4-9.5 s with it).
     */
    public static final int DEFAULT_WINDOW_MS = 20;

    public static final ExecConfig INTERP = new ExecConfig(ExecMode.INTERP, DEFAULT_THRESHOLD);

    public ExecConfig {
        if (mode == null) {
            throw new IllegalArgumentException("execution mode missing");
        }
        if (threshold < 0) {
            throw new IllegalArgumentException("translation threshold must be >= 0, not " + threshold);
        }
        if (windowNanos < 0) {
            throw new IllegalArgumentException("translation window must be >= 0, not " + windowNanos);
        }
    }

    /** {@code mode} and {@code threshold} with the window from {@value #WINDOW_PROPERTY}. */
    public ExecConfig(ExecMode mode, int threshold) {
        this(mode, threshold, defaultWindowNanos());
    }

    public static ExecConfig of(ExecMode mode) {
        return new ExecConfig(mode, defaultThreshold());
    }

    /** The defaults from the system properties {@value #MODE_PROPERTY} and {@value #THRESHOLD_PROPERTY}. */
    public static ExecConfig fromSystemProperties() {
        String m = System.getProperty(MODE_PROPERTY);
        return new ExecConfig(m == null || m.isBlank() ? ExecMode.JIT : ExecMode.parse(m.trim()), defaultThreshold());
    }

    private static int defaultThreshold() {
        String t = System.getProperty(THRESHOLD_PROPERTY);
        if (t == null || t.isBlank()) {
            return DEFAULT_THRESHOLD;
        }
        try {
            return Math.max(0, Integer.parseInt(t.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + THRESHOLD_PROPERTY + "=" + t + " is not a number");
        }
    }

    /** The translation window in nanoseconds, from {@value #WINDOW_PROPERTY} (0: entries count forever). */
    public static long defaultWindowNanos() {
        String w = System.getProperty(WINDOW_PROPERTY);
        if (w == null || w.isBlank()) {
            return DEFAULT_WINDOW_MS * 1_000_000L;
        }
        try {
            return Math.max(0, Long.parseLong(w.trim())) * 1_000_000L;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + WINDOW_PROPERTY + "=" + w + " is not a number");
        }
    }

    public boolean jit() { return mode == ExecMode.JIT; }
}
