package org.emu4e.core.tests.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.emu4e.core.timeline.CoreHistory;
import org.emu4e.core.timeline.MachineTimeline;
import org.emu4e.core.timeline.Segment;
import org.emu4e.engine.api.RunState;
import org.emu4e.engine.api.StateChange;
import org.junit.jupiter.api.Test;

class CoreHistoryTest {

    private static StateChange change(int cpu, RunState from, RunState to, String reason, long t) {
        return new StateChange(cpu, from, to, reason, t, t * 10);
    }

    private static MachineTimeline timeline(int cpus, int capacity) {
        return new MachineTimeline(java.util.Collections.nCopies(cpus, RunState.RUNNING), 100, capacity);
    }

    @Test
    void aFreshCoreIsInItsInitialStateSinceRecordingBegan() {
        CoreHistory c = timeline(2, 4).core(1);
        Segment s = c.current();
        assertEquals(RunState.RUNNING, s.state());
        assertEquals(CoreHistory.INITIAL_REASON, s.reason());
        assertEquals(100, s.startNanos());
        assertTrue(s.isOngoing());
        assertEquals(List.of(s), c.segments(0, 1000));
    }

    @Test
    void transitionsBecomeSegmentsWithTheirReasons() {
        MachineTimeline t = timeline(1, 8);
        t.record(change(0, RunState.RUNNING, RunState.WFI, "wfi", 200));
        t.record(change(0, RunState.WFI, RunState.PMU_HALTED, "pmu halt", 300));
        t.record(change(0, RunState.PMU_HALTED, RunState.WFI, "pmu resume", 400));
        List<Segment> all = t.core(0).segments(0, Long.MAX_VALUE - 1);
        assertEquals(List.of(
                new Segment(0, RunState.RUNNING, "initial", 100, 200),
                new Segment(0, RunState.WFI, "wfi", 200, 300),
                new Segment(0, RunState.PMU_HALTED, "pmu halt", 300, 400),
                new Segment(0, RunState.WFI, "pmu resume", 400, Segment.ONGOING)), all);
        assertEquals(3, t.version());
        assertEquals(RunState.WFI, t.core(0).current().state());
    }

    @Test
    void aWindowReturnsOnlyTheOverlappingSegments() {
        MachineTimeline t = timeline(1, 8);
        for (int i = 1; i <= 6; i++) {
            t.record(change(0, i % 2 == 1 ? RunState.RUNNING : RunState.WFE,
                    i % 2 == 1 ? RunState.WFE : RunState.RUNNING, "x", 100 + i * 100));
        }
        List<Segment> w = t.core(0).segments(350, 450);
        assertEquals(2, w.size());
        assertEquals(300, w.get(0).startNanos());
        assertEquals(400, w.get(0).endNanos());
        assertEquals(400, w.get(1).startNanos());
        assertEquals(500, w.get(1).endNanos());
        assertEquals(RunState.WFE, t.core(0).segmentAt(250).state());
        assertEquals(200, t.core(0).segmentAt(250).startNanos());
        assertEquals(RunState.RUNNING, t.core(0).segmentAt(10_000).state());
        assertNull(t.core(0).segmentAt(50), "before recording began");
    }

    @Test
    void samplingGivesEachColumnItsStrongestState() {
        MachineTimeline t = timeline(1, 16);
        t.record(change(0, RunState.RUNNING, RunState.WFI, "wfi", 200));
        t.record(change(0, RunState.WFI, RunState.PMU_HALTED, "pmu halt", 410)); // 10 ns halt inside a column
        t.record(change(0, RunState.PMU_HALTED, RunState.WFI, "pmu resume", 420));
        t.record(change(0, RunState.WFI, RunState.RUNNING, "interrupt", 600));
        RunState[] columns = new RunState[8];
        t.core(0).sample(0, 100, columns); // columns [0,100) .. [700,800)
        assertEquals(java.util.Arrays.asList(null, RunState.RUNNING, RunState.WFI, RunState.WFI,
                RunState.PMU_HALTED, RunState.WFI, RunState.RUNNING, RunState.RUNNING), java.util.Arrays.asList(columns));
    }

    @Test
    void samplingAfterDropsLeavesTheUnknownPastEmpty() {
        MachineTimeline t = timeline(1, 2);
        for (int i = 1; i <= 4; i++) {
            t.record(change(0, RunState.RUNNING, RunState.WFE, "wfe", i * 100L + 50));
        }
        RunState[] columns = new RunState[5];
        t.core(0).sample(0, 100, columns);
        assertEquals(java.util.Arrays.asList(null, null, null, RunState.WFE, RunState.WFE), java.util.Arrays.asList(columns));
    }

    @Test
    void aFullRingDropsTheOldestAndCountsThem() {
        MachineTimeline t = timeline(1, 3);
        for (int i = 1; i <= 5; i++) {
            t.record(change(0, RunState.RUNNING, RunState.WFI, "r" + i, 100 + i));
        }
        CoreHistory c = t.core(0);
        assertEquals(3, c.size());
        assertEquals(2, c.dropped());
        assertEquals(5, c.recorded());
        assertEquals(2, t.dropped());
        assertEquals(List.of("r3", "r4", "r5"), c.transitions().stream().map(StateChange::reason).toList());
        assertEquals(103, c.firstNanos());
        List<Segment> segs = c.segments(0, 1000);
        assertEquals("r3", segs.get(0).reason(), "the time before the oldest kept transition is unknown");
        assertNull(c.segmentAt(102));
    }

    @Test
    void changesForUnknownVcpusAreIgnoredAndCapacityMustBePositive() {
        MachineTimeline t = timeline(2, 3);
        t.record(change(7, RunState.RUNNING, RunState.WFI, "wfi", 200));
        t.record(change(-1, RunState.RUNNING, RunState.WFI, "wfi", 200));
        assertEquals(0, t.recorded());
        assertThrows(IllegalArgumentException.class, () -> timeline(1, 0));
    }
}
