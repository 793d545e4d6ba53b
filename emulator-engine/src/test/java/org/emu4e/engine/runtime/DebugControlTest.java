package org.emu4e.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.emu4e.engine.api.DebugHooks;
import org.emu4e.engine.api.DebugStop;
import org.emu4e.engine.api.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class DebugControlTest extends RuntimeTestBase {
    private static DebugHooks breakAt(long addr) {
        return new DebugHooks() {
            @Override public boolean breakpointAt(long pc) { return pc == addr; }
            @Override public long watchpointHit(long va, int size, boolean write) { return -1; }
            @Override public boolean hasWatchpoints() { return false; }
        };
    }

    @Test
    void stopStepResume() throws Exception {
        start(new TestBoard(2, false, TestBoard.BUSY, TestBoard.WFI_LOOP));
        List<DebugStop> stops = new CopyOnWriteArrayList<>();
        m.debug().addStopListener(stops::add);
        DebugStop s = m.debug().stop(0).get(10, TimeUnit.SECONDS);
        assertEquals(DebugStop.Reason.REQUESTED, s.reason());
        assertTrue(m.debug().isStopped(0));
        assertEquals(RunState.DEBUG_STOPPED, m.vcpu(0).state());
        assertEquals(s, m.debug().stop(0).get(1, TimeUnit.SECONDS), "already stopped: at once");
        long pc = m.vcpu(0).status().pc();
        long n = m.vcpu(0).status().instructionCount();
        DebugStop st = m.debug().step(0).get(10, TimeUnit.SECONDS);
        assertEquals(DebugStop.Reason.STEP, st.reason());
        assertEquals(n + 1, m.vcpu(0).status().instructionCount());
        long expect = pc == TestBoard.entry(0) ? pc + 4 : TestBoard.entry(0); // add, then b back
        assertEquals(expect, st.address());
        assertEquals(RunState.DEBUG_STOPPED, m.vcpu(0).state());
        m.debug().resume(0);
        awaitState(0, RunState.RUNNING);
        assertFalse(m.debug().isStopped(0));
        assertEquals(List.of(DebugStop.Reason.REQUESTED, DebugStop.Reason.STEP), stops.stream().map(DebugStop::reason).toList());
        // A core in WFI stops and resumes back into WFI.
        awaitState(1, RunState.WFI);
        m.debug().stop(1).get(10, TimeUnit.SECONDS);
        m.debug().resume(1);
        awaitState(1, RunState.WFI);
    }

    @Test
    void breakpointStopsAndResumeExecutesTheInstructionUnderIt() throws Exception {
        start(new TestBoard(1, false, TestBoard.BUSY));
        List<DebugStop> stops = new CopyOnWriteArrayList<>();
        m.debug().addStopListener(stops::add);
        long bp = TestBoard.entry(0) + 4;
        m.debug().setHooks(breakAt(bp)).get(10, TimeUnit.SECONDS);
        await("breakpoint", () -> stops.size() == 1);
        assertEquals(new DebugStop(0, DebugStop.Reason.BREAKPOINT, bp), stops.get(0));
        long x0 = reg(0, 0);
        m.debug().resume(0);
        await("breakpoint again", () -> stops.size() == 2);
        assertEquals(x0 + 1, reg(0, 0), "one loop iteration between the hits");
        DebugStop st = m.debug().step(0).get(10, TimeUnit.SECONDS);
        assertEquals(new DebugStop(0, DebugStop.Reason.STEP, TestBoard.entry(0)), st);
        m.debug().setHooks(null).get(10, TimeUnit.SECONDS);
        m.debug().resume(0);
        await("runs freely", () -> reg(0, 0) > x0 + 1000);
    }

    @Test
    void aBreakpointRemovedWhileStoppedOnItLeavesNoSkipBehind() throws Exception {
        start(new TestBoard(1, false, TestBoard.BUSY));
        List<DebugStop> stops = new CopyOnWriteArrayList<>();
        m.debug().addStopListener(stops::add);
        long bp = TestBoard.entry(0) + 4;
        m.debug().setHooks(breakAt(bp)).get(10, TimeUnit.SECONDS);
        await("breakpoint", () -> stops.size() == 1);
        m.debug().setHooks(null).get(10, TimeUnit.SECONDS);
        m.debug().resume(0);
        await("runs", () -> reg(0, 0) > 1000);
        m.debug().stop(0).get(10, TimeUnit.SECONDS);
        long x0 = reg(0, 0);
        long pc = m.vcpu(0).status().pc();
        m.debug().setHooks(breakAt(bp)).get(10, TimeUnit.SECONDS);
        m.debug().resume(0);
        await("breakpoint hit the first time it is reached", () -> stops.size() == 3);
        assertEquals(DebugStop.Reason.BREAKPOINT, stops.get(2).reason());
        assertEquals(pc == bp ? x0 : x0 + 1, reg(0, 0), "stopped at the first arrival on the breakpoint");
    }

    @Test
    void aStepOfACoreInWfiWaitsForItsWakeUp() throws Exception {
        start(new TestBoard(2, false, TestBoard.BUSY, TestBoard.WFI_LOOP));
        awaitState(1, RunState.WFI);
        m.debug().stop(1).get(10, TimeUnit.SECONDS);
        var step = m.debug().step(1);
        awaitState(1, RunState.WFI); // the step waits in WFI
        assertFalse(step.isDone());
        board.setIrq(1, true); // masked IRQ: WFI completes, the step executes the next instruction
        DebugStop st = step.get(10, TimeUnit.SECONDS);
        assertEquals(DebugStop.Reason.STEP, st.reason());
        assertEquals(TestBoard.entry(1) + 8, st.address(), "stopped after the add that follows the WFI");
        assertEquals(RunState.DEBUG_STOPPED, m.vcpu(1).state());
        // A stop request while a step is pending completes the step with that stop.
        board.setIrq(1, false);
        m.debug().resume(1);
        awaitState(1, RunState.WFI);
        m.debug().stop(1).get(10, TimeUnit.SECONDS);
        var step2 = m.debug().step(1);
        awaitState(1, RunState.WFI);
        DebugStop again = m.debug().stop(1).get(10, TimeUnit.SECONDS);
        assertEquals(DebugStop.Reason.REQUESTED, again.reason());
        assertEquals(again, step2.get(10, TimeUnit.SECONDS));
    }

    @Test
    void watchpointStopsAfterTheStoreWithTheWatchedAddress() throws Exception {
        long addr = TestBoard.RAM_BASE + 0x8000;
        start(new TestBoard(1, false, "ldr x9, a\n 1: add x0, x0, #1\n str x0, [x9]\n b 1b\n .align 3\n a: .quad " + addr));
        List<DebugStop> stops = new CopyOnWriteArrayList<>();
        m.debug().addStopListener(stops::add);
        m.debug().setHooks(new DebugHooks() {
            @Override public boolean breakpointAt(long pc) { return false; }
            @Override public long watchpointHit(long va, int size, boolean write) { return write && va == addr ? addr : -1; }
            @Override public boolean hasWatchpoints() { return true; }
        }).get(10, TimeUnit.SECONDS);
        await("watchpoint", () -> stops.size() == 1);
        assertEquals(new DebugStop(0, DebugStop.Reason.WATCHPOINT, addr), stops.get(0));
        assertEquals(RunState.DEBUG_STOPPED, m.vcpu(0).state());
        long x0 = reg(0, 0);
        assertEquals(x0, m.bus().read(addr, 8), "the store has been done");
        m.debug().resume(0);
        await("watchpoint again", () -> stops.size() == 2);
        assertEquals(x0 + 1, m.bus().read(addr, 8));
        m.debug().setHooks(null).get(10, TimeUnit.SECONDS);
        m.debug().resume(0);
    }
}
