package org.emu4e.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.emu4e.core.tests.support.FakeMachines;
import org.emu4e.core.timeline.Segment;
import org.emu4e.engine.api.RunState;
import org.emu4e.ui.internal.timeline.TimelineCanvas;
import org.emu4e.ui.tests.support.Ui;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hover, click, zoom and follow-live of the timeline canvas. */
class TimelineCanvasTest {

    private ViewFixture fx;

    @BeforeEach
    void openView() throws Exception {
        fx = new ViewFixture();
    }

    @AfterEach
    void closeView() {
        fx.close();
    }

    @Test
    void hoverShowsTheSegmentAndAClickSelectsTheVcpu() {
        FakeMachines.Handle h = FakeMachines.create(4);
        fx.register("fake", h);
        Table table = fx.table();
        Ui.waitUntil(() -> table.getItemCount() == 4, "four rows");
        h.setVcpu(3, RunState.WFI, 0, 1, 10);
        TimelineCanvas canvas = fx.view.timelineCanvas();
        int x = canvas.getClientArea().width - 3;
        int y = canvas.laneCenter(3);
        Ui.waitUntil(() -> canvas.segmentAt(x, y) != null && canvas.segmentAt(x, y).state() == RunState.WFI,
                "the WFI segment at the live edge of lane 3");
        Segment s = canvas.segmentAt(x, y);
        assertEquals(3, s.cpu());
        assertEquals("test", s.reason());

        Event move = new Event();
        move.x = x;
        move.y = y;
        canvas.notifyListeners(SWT.MouseMove, move);
        String tip = canvas.getToolTipText();
        assertNotNull(tip);
        assertTrue(tip.startsWith("CPU 3: WFI") && tip.contains("reason: test") && tip.contains("(ongoing)"), tip);

        Event down = new Event();
        down.x = x;
        down.y = y;
        down.button = 1;
        canvas.notifyListeners(SWT.MouseDown, down);
        Ui.waitUntil(() -> table.getSelectionIndex() == 3, "row of CPU 3 selected by the click");
    }

    @Test
    void keysZoomAndScrollAndEndFollowsLiveAgain() {
        FakeMachines.Handle h = FakeMachines.create(2);
        fx.register("fake", h);
        TimelineCanvas canvas = fx.view.timelineCanvas();
        Ui.waitUntil(() -> canvas.timeline() != null, "timeline shown");
        double before = canvas.nanosPerPixel();
        key(canvas, '+');
        assertTrue(canvas.nanosPerPixel() < before, "+ zooms in");
        key(canvas, '-');
        key(canvas, '-');
        assertTrue(canvas.nanosPerPixel() > before, "- zooms out");
        assertTrue(canvas.followLive());
        key(canvas, SWT.ARROW_LEFT);
        assertFalse(canvas.followLive(), "scrolling back leaves the live edge");
        key(canvas, SWT.END);
        assertTrue(canvas.followLive());
    }

    private static void key(TimelineCanvas canvas, int keyCode) {
        Event e = new Event();
        e.keyCode = keyCode;
        canvas.notifyListeners(SWT.KeyDown, e);
    }
}
