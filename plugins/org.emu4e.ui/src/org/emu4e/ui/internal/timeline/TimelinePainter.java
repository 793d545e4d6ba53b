package org.emu4e.ui.internal.timeline;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.emu4e.core.timeline.CoreHistory;
import org.emu4e.core.timeline.MachineTimeline;
import org.emu4e.engine.api.RunState;
import org.emu4e.ui.internal.style.StateStyles;

/**
 * Draws lanes (one per vCPU, segments coloured by state), the CPU labels and the time axis.
 * Each lane is sampled into pixel columns ({@link CoreHistory#sample}) and runs of one state are
 * filled as one rectangle, so thousands of transitions cost at most one rectangle per pixel.
 */
final class TimelinePainter {
    static final int GUTTER = 52;
    static final int AXIS = 20;
    static final int MAX_LANE = 26;

    private final StateStyles styles;
    /** One lane's pixel columns, reused across lanes and paints. */
    private RunState[] columns = new RunState[0];

    TimelinePainter(StateStyles styles) {
        this.styles = styles;
    }

    /** Lane height for {@code cores} lanes in a canvas of height {@code height} (at least 2). */
    static int laneHeight(int cores, int height) {
        if (cores == 0) {
            return MAX_LANE;
        }
        return Math.max(2, Math.min(MAX_LANE, (height - AXIS - 2) / cores));
    }

    /** The lane (vCPU index) at canvas y, or -1. */
    static int laneAt(int y, int cores, int height) {
        int lane = y / laneHeight(cores, height);
        return lane >= 0 && lane < cores ? lane : -1;
    }

    void paint(GC gc, Rectangle area, MachineTimeline timeline, TimeScale scale, int selectedCpu) {
        gc.setBackground(gc.getDevice().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(area);
        gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
        if (timeline == null) {
            gc.drawString("No machine running", 8, 8, true);
            return;
        }
        int width = Math.max(1, area.width - GUTTER);
        int cores = timeline.cpuCount();
        int lane = laneHeight(cores, area.height);
        long from = scale.leftNanos(width);
        for (int cpu = 0; cpu < cores; cpu++) {
            int y = cpu * lane;
            if (cpu == selectedCpu) {
                gc.setBackground(gc.getDevice().getSystemColor(SWT.COLOR_LIST_SELECTION));
                gc.fillRectangle(0, y, GUTTER - 2, lane);
            }
            if (lane >= 10) {
                gc.drawString("CPU " + cpu, 4, y + (lane - gc.getFontMetrics().getHeight()) / 2, true);
            }
            paintLane(gc, timeline.core(cpu), scale, from, width, y, lane);
        }
        paintAxis(gc, scale, width, cores * lane, area.height);
        if (timeline.dropped() > 0) {
            String note = String.format("%,d older transitions dropped", timeline.dropped());
            Point size = gc.textExtent(note);
            gc.drawString(note, area.width - size.x - 4, cores * lane + AXIS - size.y, true);
        }
    }

    private void paintLane(GC gc, CoreHistory core, TimeScale scale, long from, int width, int y, int lane) {
        if (columns.length != width) {
            columns = new RunState[width];
        }
        core.sample(from, scale.nanosPerPixel(), columns);
        int h = Math.max(1, lane - 2);
        int runStart = 0;
        for (int x = 1; x <= width; x++) {
            if (x == width || columns[x] != columns[runStart]) {
                if (columns[runStart] != null) {
                    gc.setBackground(styles.color(columns[runStart]));
                    gc.fillRectangle(GUTTER + runStart, y + 1, x - runStart, h);
                }
                runStart = x;
            }
        }
    }

    private static void paintAxis(GC gc, TimeScale scale, int width, int top, int height) {
        gc.drawLine(GUTTER, top, GUTTER + width, top);
        long tick = scale.tickNanos(80);
        long right = scale.rightNanos();
        // ticks labelled relative to the right edge: "-2 s", "-1 s", "now" when following live
        for (long offset = 0; offset <= (long) (width * scale.nanosPerPixel()); offset += tick) {
            int x = GUTTER + (int) scale.x(right - offset, width);
            gc.drawLine(x, top, x, top + 4);
            String label = offset == 0 ? (scale.followLive() ? (scale.ended() ? "end" : "now") : "0") : "-" + TimeScale.format(offset);
            Point size = gc.textExtent(label);
            if (x - size.x / 2 > GUTTER && top + 4 + size.y <= height) {
                gc.drawString(label, Math.min(x - size.x / 2, GUTTER + width - size.x), top + 4, true);
            }
        }
    }
}
