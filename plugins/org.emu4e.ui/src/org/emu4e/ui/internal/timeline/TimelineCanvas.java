package org.emu4e.ui.internal.timeline;

import java.util.function.IntConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.ScrollBar;
import org.emu4e.core.timeline.MachineTimeline;
import org.emu4e.core.timeline.Segment;
import org.emu4e.ui.internal.style.StateStyles;

/**
 * The timeline: one lane per vCPU, double-buffered. Mouse wheel or +/- zoom around the pointer,
 * the scroll bar, arrow keys or shift+wheel scroll, End (or scrolling to the end) follows live,
 * hovering shows the segment, a click selects the vCPU. UI thread only; {@link #redraw()} is
 * what the view calls, at most ~20 times a second.
 */
public final class TimelineCanvas extends Canvas {

    private final TimeScale scale = new TimeScale();
    private final TimelinePainter painter;
    private MachineTimeline timeline;
    private int selectedCpu = -1;
    private IntConsumer cpuClicked = cpu -> { };

    public TimelineCanvas(Composite parent, StateStyles styles) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND | SWT.H_SCROLL);
        this.painter = new TimelinePainter(styles);
        addPaintListener(e -> {
            scale.tick(System.nanoTime(), timeline == null ? 0 : timeline.startNanos(), laneWidth());
            updateScrollBar();
            painter.paint(e.gc, getClientArea(), timeline, scale, selectedCpu);
        });
        addListener(SWT.MouseVerticalWheel, this::wheel);
        addListener(SWT.MouseMove, e -> setToolTipText(tooltip(e.x, e.y)));
        addListener(SWT.MouseDown, e -> click(e));
        addListener(SWT.KeyDown, e -> key(e));
        getHorizontalBar().addListener(SWT.Selection, e -> scrolled());
    }

    /** Shows {@code t} (null: nothing) from now on. */
    public void setTimeline(MachineTimeline t) {
        this.timeline = t;
        scale.setEnd(Long.MAX_VALUE);
        redraw();
    }

    /** The machine ended at {@code nanos}: the live edge stops there. */
    public void setEnded(long nanos) {
        scale.setEnd(nanos);
        redraw();
    }

    public MachineTimeline timeline() { return timeline; }

    public void setSelectedCpu(int cpu) {
        if (cpu != selectedCpu) {
            selectedCpu = cpu;
            redraw();
        }
    }

    /** Called with the vCPU index when a lane is clicked. */
    public void onCpuClicked(IntConsumer listener) {
        this.cpuClicked = listener;
    }

    public boolean followLive() { return scale.followLive(); }

    public void setFollowLive(boolean follow) {
        scale.setFollowLive(follow);
        redraw();
    }

    /** Zooms by {@code steps} (positive = in) around the right edge. */
    public void zoom(int steps) {
        scale.zoom(steps, laneWidth(), laneWidth());
        redraw();
    }

    public double nanosPerPixel() { return scale.nanosPerPixel(); }

    /** The segment under canvas point (x, y), or null. */
    public Segment segmentAt(int x, int y) {
        if (timeline == null || x < TimelinePainter.GUTTER) {
            return null;
        }
        int cpu = TimelinePainter.laneAt(y, timeline.cpuCount(), getClientArea().height);
        return cpu < 0 ? null : timeline.core(cpu).segmentAt(scale.time(x - TimelinePainter.GUTTER, laneWidth()));
    }

    /** Canvas y of the middle of vCPU {@code cpu}'s lane. */
    public int laneCenter(int cpu) {
        int lane = TimelinePainter.laneHeight(timeline == null ? 0 : timeline.cpuCount(), getClientArea().height);
        return cpu * lane + lane / 2;
    }

    private String tooltip(int x, int y) {
        Segment s = segmentAt(x, y);
        if (s == null) {
            return null;
        }
        long now = System.nanoTime();
        long start = s.startNanos() - timeline.startNanos();
        return String.format("CPU %d: %s%nreason: %s%nstart: +%s%nduration: %s%s", s.cpu(), s.state().label(),
                s.reason(), TimeScale.format(start), TimeScale.format(s.durationNanos(now)),
                s.isOngoing() ? " (ongoing)" : "");
    }

    private void wheel(Event e) {
        int steps = e.count > 0 ? 1 : -1;
        if ((e.stateMask & SWT.SHIFT) != 0) {
            scale.scroll(steps * -laneWidth() / 10, System.nanoTime());
        } else {
            scale.zoom(steps, Math.max(0, e.x - TimelinePainter.GUTTER), laneWidth());
        }
        e.doit = false;
        redraw();
    }

    private void click(Event e) {
        setFocus();
        if (timeline != null && e.button == 1) {
            int cpu = TimelinePainter.laneAt(e.y, timeline.cpuCount(), getClientArea().height);
            if (cpu >= 0) {
                setSelectedCpu(cpu);
                cpuClicked.accept(cpu);
            }
        }
    }

    private void key(Event e) {
        long now = System.nanoTime();
        switch (e.keyCode) {
            case '+', '=', SWT.KEYPAD_ADD -> scale.zoom(1, laneWidth(), laneWidth());
            case '-', SWT.KEYPAD_SUBTRACT -> scale.zoom(-1, laneWidth(), laneWidth());
            case SWT.ARROW_LEFT -> scale.scroll(-laneWidth() / 10, now);
            case SWT.ARROW_RIGHT -> scale.scroll(laneWidth() / 10, now);
            case SWT.END -> scale.setFollowLive(true);
            default -> {
                return;
            }
        }
        redraw();
    }

    private void scrolled() {
        if (timeline == null) {
            return;
        }
        ScrollBar bar = getHorizontalBar();
        int right = bar.getSelection() + bar.getThumb();
        if (right >= bar.getMaximum()) {
            scale.setFollowLive(true);
        } else {
            scale.showRight(timeline.startNanos() + (long) (right * scale.nanosPerPixel()));
        }
        redraw();
    }

    /** The bar spans from the start of recording to now, in pixels at the current zoom. */
    private void updateScrollBar() {
        ScrollBar bar = getHorizontalBar();
        if (timeline == null) {
            bar.setEnabled(false);
            return;
        }
        int width = laneWidth();
        long span = Math.max(0, System.nanoTime() - timeline.startNanos());
        int total = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(width, span / scale.nanosPerPixel()));
        int right = (int) Math.min(total, Math.max(width, (scale.rightNanos() - timeline.startNanos()) / scale.nanosPerPixel()));
        bar.setEnabled(total > width);
        bar.setValues(right - width, 0, total, width, Math.max(1, width / 10), width);
    }

    private int laneWidth() {
        Rectangle area = getClientArea();
        return Math.max(1, area.width - TimelinePainter.GUTTER);
    }

    /** A canvas has no child to focus: take the focus itself so the keys work. */
    @Override
    public boolean setFocus() {
        return forceFocus();
    }
}
