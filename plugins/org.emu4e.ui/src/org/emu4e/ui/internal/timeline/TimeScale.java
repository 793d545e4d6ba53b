package org.emu4e.ui.internal.timeline;

/**
 * Maps host time (nanoseconds, {@link System#nanoTime()}) to pixels of the timeline's lane area
 * and back: a right edge and a zoom (nanoseconds per pixel). In follow-live mode the right edge
 * is "now". Pure arithmetic, no SWT.
 */
final class TimeScale {
    static final double MIN_NANOS_PER_PIXEL = 1_000;             // 1 us per pixel
    static final double MAX_NANOS_PER_PIXEL = 1_000_000_000.0;   // 1 s per pixel
    static final double ZOOM_STEP = 1.25;

    /** Zoom of a long history until the user zooms: 10 ms per pixel, ~5 s over 500 pixels. */
    static final double DEFAULT_NANOS_PER_PIXEL = 10_000_000;

    private double nanosPerPixel = DEFAULT_NANOS_PER_PIXEL;
    private long rightNanos;
    private boolean followLive = true;
    /** Until the user zooms, a history shorter than the width at the default zoom fills the width. */
    private boolean fit = true;
    private long endNanos = Long.MAX_VALUE;

    double nanosPerPixel() { return nanosPerPixel; }

    boolean followLive() { return followLive; }

    void setFollowLive(boolean follow) { this.followLive = follow; }

    boolean ended() {
        return endNanos != Long.MAX_VALUE;
    }

    /** Where the history ends (the machine ended); {@link Long#MAX_VALUE} while it runs. */
    void setEnd(long nanos) {
        endNanos = nanos;
    }

    /** Moves the right edge to now (or the end) when following live; fits a short history. */
    void tick(long nowNanos, long startNanos, int width) {
        long live = Math.min(nowNanos, endNanos);
        if (followLive) {
            rightNanos = live;
        }
        if (fit && followLive) {
            double span = Math.max(1, live - startNanos) * 1.02 / Math.max(1, width);
            nanosPerPixel = Math.max(MIN_NANOS_PER_PIXEL, Math.min(DEFAULT_NANOS_PER_PIXEL, span));
        }
    }

    long rightNanos() { return rightNanos; }

    long leftNanos(int width) {
        return rightNanos - (long) (width * nanosPerPixel);
    }

    /** x (0 = left edge of the lanes) of time {@code t}; may be outside [0, width]. */
    double x(long t, int width) {
        return width - (rightNanos - t) / nanosPerPixel;
    }

    long time(int x, int width) {
        return rightNanos - (long) ((width - x) * nanosPerPixel);
    }

    /** Zooms by {@code steps} (positive = in) keeping the time under {@code x} in place. */
    void zoom(int steps, int x, int width) {
        fit = false;
        long anchor = time(x, width);
        double npp = nanosPerPixel * Math.pow(ZOOM_STEP, -steps);
        nanosPerPixel = Math.max(MIN_NANOS_PER_PIXEL, Math.min(MAX_NANOS_PER_PIXEL, npp));
        if (!followLive) {
            rightNanos = anchor + (long) ((width - x) * nanosPerPixel);
        }
    }

    /** Scrolls by {@code pixels} (positive = later); leaves follow-live mode when scrolling back. */
    void scroll(int pixels, long nowNanos) {
        long target = rightNanos + (long) (pixels * nanosPerPixel);
        long live = Math.min(nowNanos, endNanos);
        if (target >= live) {
            rightNanos = live;
            followLive = true;
        } else {
            rightNanos = target;
            followLive = false;
        }
    }

    /** Shows {@code nanos} at the right edge and stops following live (scroll bar). */
    void showRight(long nanos) {
        rightNanos = nanos;
        followLive = false;
    }

    /** A tick spacing of 1, 2 or 5 times a power of ten giving at least {@code minPixels} between ticks. */
    long tickNanos(int minPixels) {
        double wanted = minPixels * nanosPerPixel;
        long step = 1;
        while (true) {
            for (int m : new int[] { 1, 2, 5 }) {
                if (step * m >= wanted) {
                    return step * m;
                }
            }
            step *= 10;
        }
    }

    /** "1.5 s", "20 ms", "300 us": a duration as the axis and tooltips show it. */
    static String format(long nanos) {
        double abs = Math.abs(nanos);
        if (abs >= 1e9) {
            return trim(nanos / 1e9) + " s";
        }
        if (abs >= 1e6) {
            return trim(nanos / 1e6) + " ms";
        }
        if (abs >= 1e3) {
            return trim(nanos / 1e3) + " us";
        }
        return nanos + " ns";
    }

    private static String trim(double v) {
        String s = String.format("%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
