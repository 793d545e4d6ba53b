package org.emu4e.engine.api;

/**
 * Execution mode of a machine's vCPUs and the translator's tuning.
 *
 * @param mode      interpreter or translator
 * @param threshold a block runs interpreted this many times before it is translated (0: at once)
 */
public record ExecConfig(ExecMode mode, int threshold) {
    /** System property selecting the default mode ({@code interp} or {@code jit}). */
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

    public static final ExecConfig INTERP = new ExecConfig(ExecMode.INTERP, DEFAULT_THRESHOLD);

    public ExecConfig {
        if (mode == null) {
            throw new IllegalArgumentException("execution mode missing");
        }
        if (threshold < 0) {
            throw new IllegalArgumentException("translation threshold must be >= 0, not " + threshold);
        }
    }

    public static ExecConfig of(ExecMode mode) {
        return new ExecConfig(mode, defaultThreshold());
    }

    /** The defaults from the system properties {@value #MODE_PROPERTY} and {@value #THRESHOLD_PROPERTY}. */
    public static ExecConfig fromSystemProperties() {
        String m = System.getProperty(MODE_PROPERTY);
        return new ExecConfig(m == null || m.isBlank() ? ExecMode.INTERP : ExecMode.parse(m.trim()), defaultThreshold());
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

    public boolean jit() { return mode == ExecMode.JIT; }
}
