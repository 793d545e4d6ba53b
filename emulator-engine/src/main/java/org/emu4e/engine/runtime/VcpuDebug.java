package org.emu4e.engine.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import org.emu4e.engine.api.DebugStop;
import org.emu4e.engine.api.DebugStop.Reason;

/**
 * Debugger state of one vCPU: the pending single step, the last stop and the futures waiting
 * for the next stop. Everything except {@link #announcedStop()} is touched only on the vCPU's
 * own thread (from work the {@link DebugController} queues, or from the run loop).
 */
final class VcpuDebug {
    private final VcpuThread v;
    private boolean stepping;
    private DebugStop lastStop;
    private DebugStop toAnnounce;
    private volatile DebugStop announced;
    private final List<CompletableFuture<DebugStop>> waiters = new ArrayList<>();

    VcpuDebug(VcpuThread v) {
        this.v = v;
    }

    boolean stepping() { return stepping; }

    /** The stop listeners have been told of, while the vCPU is still debug-stopped; else null. Any thread. */
    DebugStop announcedStop() { return announced; }

    /** A breakpoint or watchpoint exit of guest code. */
    void hit(Reason reason, long address) {
        enter(reason, address);
    }

    private void enter(Reason reason, long address) {
        v.owner();
        v.reasons().debugStopped = true;
        stepping = false;
        lastStop = new DebugStop(v.index(), reason, address);
        toAnnounce = lastStop;
        v.setCause("gdb " + reason.name().toLowerCase(Locale.ROOT));
    }

    /** The single step executed its instruction (or exception entry). */
    void stepDone() {
        if (v.reasons().debugStopped) {
            stepping = false;
        } else {
            enter(Reason.STEP, v.cpu().state().pc);
        }
    }

    void requestStop(CompletableFuture<DebugStop> f) {
        v.owner();
        if (v.reasons().debugStopped) {
            if (toAnnounce != null || announced == null) {
                waiters.add(f);
            } else {
                f.complete(lastStop);
            }
        } else {
            enter(Reason.REQUESTED, v.cpu().state().pc);
            waiters.add(f);
        }
    }

    void resume() {
        v.owner();
        stepping = false;
        if (v.reasons().debugStopped) {
            v.reasons().debugStopped = false;
            armBreakpointSkip();
            v.setCause("gdb continue");
        }
    }

    void step(CompletableFuture<DebugStop> f) {
        v.owner();
        waiters.add(f);
        if (v.reasons().debugStopped) {
            v.reasons().debugStopped = false;
            armBreakpointSkip();
        }
        stepping = true;
        v.setCause("gdb step");
    }

    void cancelStep() {
        stepping = false;
    }

    /** Resuming from a breakpoint stop executes the instruction under it. */
    private void armBreakpointSkip() {
        long pc = v.cpu().state().pc;
        var hooks = v.cpu().debug;
        if (lastStop != null && lastStop.reason() == Reason.BREAKPOINT && pc == lastStop.address()
                && hooks != null && hooks.breakpointAt(pc)) {
            v.cpu().skipBreakpointOnce = true;
        }
    }

    /** At the checkpoint, after the state was reported: tells stop listeners and waiters. */
    void announce() {
        if (toAnnounce != null) {
            DebugStop s = toAnnounce;
            toAnnounce = null;
            if (v.reasons().debugStopped) {
                announced = s;
            }
            v.machine.debugController().fireStop(s);
            List<CompletableFuture<DebugStop>> done = new ArrayList<>(waiters);
            waiters.clear();
            for (CompletableFuture<DebugStop> f : done) {
                f.complete(s);
            }
        }
    }

    /** At the checkpoint, before the state is reported, when no longer debug-stopped. */
    void resumed() {
        if (announced != null) {
            announced = null;
        }
    }

    void abandon() {
        for (CompletableFuture<DebugStop> f : waiters) {
            f.completeExceptionally(new MachineShutDownException());
        }
        waiters.clear();
    }
}
