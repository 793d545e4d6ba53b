package org.emu4e.engine.runtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.emu4e.engine.api.RunState;
import org.emu4e.engine.api.Vcpu;
import org.emu4e.engine.api.VcpuCall;
import org.emu4e.engine.api.VcpuStatus;
import org.emu4e.engine.api.VcpuWork;
import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuContext;
import org.emu4e.engine.cpu.a64.CpuEnvironment;
import org.emu4e.engine.cpu.a64.CpuExit;

/**
 * One vCPU and its host thread ({@code emu4e-vcpu-<i>}). The loop: drain the work queue, look
 * at the inputs (interrupt lines, events), then either sleep in the wait path (some halt reason
 * holds) or run guest code for a budget and act on the exit. Run-state reasons are written only
 * here, on this thread; every other thread changes them by queueing work, so no
 * change races with this loop and no wake-up is lost (docs/runtime.md).
 * The wait path and its no-lost-wake-up rule are in {@link WaitPath}.
 */
final class VcpuThread implements Vcpu, CpuContext {
    static final long BUDGET = 10_000;
    private static final ThreadLocal<VcpuThread> CURRENT = new ThreadLocal<>();

    final MttcgMachine machine;
    private final int index;
    private final long mpidr;
    private final A64Cpu cpu;
    private final CpuEnvironment env;
    private final StateReporter reporter;
    final VcpuDebug debug;
    final VcpuPower power;
    private final ConcurrentLinkedQueue<WorkItem> queue = new ConcurrentLinkedQueue<>();
    private final WaitPath waitPath = new WaitPath();
    private final AtomicBoolean eventPending = new AtomicBoolean();
    private volatile boolean closed;
    private volatile Thread thread;

    // ---- owned by this vCPU's thread ----
    private final RunReasons reasons = new RunReasons();
    private boolean inGuest;
    /** Loop iterations and work items run, for statistics (written by this thread only). */
    private volatile long iterations;
    private volatile long workItems;
    private String cause = "start";
    /** What the state showed when {@link #cause} was named (or at the last checkpoint). */
    private RunState causeShown;
    private final java.util.List<CompletableFuture<RunState>> checkpointWaiters = new java.util.ArrayList<>();

    VcpuThread(MttcgMachine machine, int index, long mpidr, A64Cpu cpu, boolean poweredOn) {
        this.machine = machine;
        this.index = index;
        this.mpidr = mpidr;
        this.cpu = cpu;
        this.env = cpu.env();
        reasons.psciOff = !poweredOn;
        this.reporter = new StateReporter(index, mpidr, cpu, reasons.effective());
        this.causeShown = reasons.effective();
        this.debug = new VcpuDebug(this);
        this.power = new VcpuPower(this);
    }

    /** The vCPU whose thread is calling, or null. */
    static VcpuThread current() { return CURRENT.get(); }

    void start() {
        Thread t = new Thread(this::loop, "emu4e-vcpu-" + index);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    void join() {
        Thread t = thread;
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the loop ------------------------------------------------------------------------

    private void loop() {
        CURRENT.set(this);
        try {
            machine.board().resetCpu(index, cpu);
            reporter.refresh();
            while (!machine.stopRequested()) {
                iterations++;
                cpu.exitRequest = false;
                drain();
                if (machine.stopRequested()) {
                    break;
                }
                observeInputs();
                RunState s = reasons.effective();
                checkpoint(s);
                if (s == RunState.WFE && cpu.exclusiveAddress != -1) {
                    sleepWatchingMonitor();
                } else if (s == RunState.WFE) {
                    sleepInWfe();
                } else if (s.isHalted()) {
                    sleep();
                } else {
                    runGuest();
                }
            }
        } catch (MachineShutDownException e) {
            // a wait inside guest code or work ended by shutdown: a normal way out
            if (!machine.stopRequested()) {
                machine.internalFailure(index, e);
            }
        } catch (Throwable t) {
            machine.internalFailure(index, t);
        } finally {
            close();
            CURRENT.remove();
            machine.vcpuExited();
        }
    }

    private void drain() {
        WorkItem w;
        while ((w = queue.poll()) != null) {
            runItem(w);
        }
    }

    private void runItem(WorkItem w) {
        workItems++;
        try {
            if (w.safe()) {
                machine.gate().startExclusive();
                try {
                    w.work().run(this);
                } finally {
                    machine.gate().endExclusive();
                }
            } else {
                w.work().run(this);
            }
        } catch (Throwable t) {
            if (w.waiter() != null) {
                w.waiter().completeExceptionally(t);
            } else if (!(t instanceof MachineShutDownException && machine.stopRequested())) {
                machine.workFailure(index, t);
            }
        }
    }

    /** Interrupt lines and events: the WFI/WFE wake-ups (ARM ARM D1.16.1, D1.16.2). */
    private void observeInputs() {
        if (eventPending.get() && eventPending.getAndSet(false)) {
            cpu.eventRegister = true;
        }
        // WFI wakes on an asserted IRQ/FIQ input whatever PSTATE's masks say (D1.16.2); the wake
        // is latched even while a stronger reason holds, so it is not lost.
        boolean interrupt = env.irqAsserted() || env.fiqAsserted();
        if (reasons.inWfi && interrupt) {
            owner();
            reasons.inWfi = false;
            setCause("interrupt");
        }
        if (reasons.inWfe) {
            owner();
            if (cpu.eventRegister) {
                cpu.eventRegister = false;
                reasons.inWfe = false;
                setCause("event");
            } else if (interrupt) {
                reasons.inWfe = false;
                setCause("interrupt");
            }
        }
    }

    /** Reports the state, tells debug-stop listeners and completes checkpoint waiters. */
    private void checkpoint(RunState s) {
        causeShown = s;
        if (!reasons.debugStopped) {
            debug.resumed(); // isStopped() is false before RUNNING is announced
        }
        if (s != reporter.reported()) {
            reporter.change(s, cause, machine.stateListeners());
        } else if (s.isHalted()) {
            reporter.refresh();
        }
        debug.announce();
        if (!checkpointWaiters.isEmpty()) {
            var done = new java.util.ArrayList<>(checkpointWaiters);
            checkpointWaiters.clear();
            for (CompletableFuture<RunState> f : done) {
                f.complete(s);
            }
        }
    }

    /** The wait path: sleeps until kicked (work, an input change, shutdown). */
    private void sleep() {
        waitPath.sleep(machine::stopRequested);
    }

    /**
     * WFE: sleeps until woken, or with a generic-timer event stream enabled until its next
     * event, which sets the event register (ARM ARM D11.2.3 "Event streams"); the next pass
     * through {@link #observeInputs} then ends the WFE. One timed wait per event, no polling.
     */
    private void sleepInWfe() {
        long due = env.timer().nextEventStreamNanos();
        if (due == Long.MAX_VALUE) {
            sleep();
        } else if (waitPath.sleepUntil(due, machine::stopRequested)) {
            cpu.eventRegister = true;
        }
    }

    /**
     * WFE with the local exclusive monitor armed (the LDAXR; WFE spin-wait of Linux locks): a
     * store by another PE to the monitored location clears the global monitor, which is a WFE
     * wake-up event (D1.16.1). The vCPU registers with the RAM's {@link MonitorWaiters}, so such
     * a store wakes it at once; as a safety net it also compares the location with the value its
     * load-exclusive read at growing intervals, and after {@link MttcgMachine#monitorWaitMaxNanos}
     * completes the WFE anyway (WFE may complete spuriously).
     */
    private void sleepWatchingMonitor() {
        long pa = cpu.exclusiveAddress;
        int size = Math.min(8, cpu.exclusiveSize);
        long expect = cpu.exclusiveValue;
        var ram = cpu.bus().ramAt(pa, size);
        if (ram == null || size <= 0) {
            sleepInWfe();
            return;
        }
        MonitorWaiters waiters = MonitorWaiters.of(ram);
        waiters.add(this, pa, size);
        String why;
        long maxNanos = machine.monitorWaitMaxNanos;
        long stream = env.timer().nextEventStreamNanos();
        if (stream != Long.MAX_VALUE) {
            maxNanos = Math.max(0, Math.min(maxNanos, stream - System.nanoTime())); // the stream ends the WFE too
        }
        try {
            why = waitPath.sleepWatching(ram, pa, size, expect, maxNanos,
                    machine.monitorPollMinNanos, machine.monitorPollMaxNanos, machine::stopRequested);
        } finally {
            waiters.remove(this);
        }
        if (why != null) {
            owner();
            reasons.inWfe = false;
            setCause(why);
        }
    }

    private void runGuest() {
        if (!machine.gate().enterGuest()) {
            return;
        }
        inGuest = true;
        boolean step = debug.stepping();
        long before = cpu.instructions;
        CpuExit exit;
        cpu.singleStep = step;
        try {
            exit = cpu.run(step ? 1 : BUDGET);
        } finally {
            cpu.singleStep = false;
            if (inGuest) {
                inGuest = false;
                machine.gate().leaveGuest();
            }
        }
        if (cpu.instructions != before) {
            cpu.skipBreakpointOnce = false; // it only ever covers the first instruction after a resume
        }
        handleExit(exit);
        if (step && debug.stepping() && (exit != CpuExit.EXIT_REQUEST || cpu.instructions != before)) {
            debug.stepDone();
        }
        reporter.refresh();
    }

    private void handleExit(CpuExit exit) {
        switch (exit) {
            case BUDGET, EXIT_REQUEST, STEP -> { }
            case WFI -> {
                owner();
                reasons.inWfi = true;
                setCause("wfi");
            }
            case WFE -> {
                owner();
                reasons.inWfe = true;
                setCause("wfe");
            }
            case BREAKPOINT -> debug.hit(org.emu4e.engine.api.DebugStop.Reason.BREAKPOINT, cpu.state().pc);
            case WATCHPOINT -> debug.hit(org.emu4e.engine.api.DebugStop.Reason.WATCHPOINT, cpu.lastWatchAddress);
            case SHUTDOWN -> machine.guestSystemOff();
        }
    }

    private void close() {
        closed = true;
        abandonQueue();
        for (CompletableFuture<RunState> f : checkpointWaiters) {
            f.completeExceptionally(new MachineShutDownException());
        }
        checkpointWaiters.clear();
        debug.abandon();
        reporter.wakeWaiters();
    }

    private void abandonQueue() {
        WorkItem w;
        while ((w = queue.poll()) != null) {
            w.abandon();
        }
    }

    // ---- run-state changes: only ever on this vCPU's own thread -----------------------------

    /** Asserts that run state is written by this vCPU's own thread (enabled with -ea, as in tests). */
    void owner() {
        assert Thread.currentThread() == thread
                : "run state of vCPU " + index + " written by " + Thread.currentThread().getName();
    }

    RunReasons reasons() { return reasons; }

    /**
     * Names {@code c}, the event that just changed a reason, as the cause of the next reported
     * change, but only if it changed what the state shows: several events can land between two
     * checkpoints (a PMU halt queued while the guest turns itself off and a CPU_ON restarts it,
     * an interrupt ending a WFI under a halt), and one that only changed a weaker reason must
     * not relabel the stronger one's change (found by RuntimeCoreFrayTest).
     */
    void setCause(String c) {
        RunState now = reasons.effective();
        if (now != causeShown) {
            cause = c;
            causeShown = now;
        }
    }

    void clearEventPending() {
        eventPending.set(false);
    }

    /** Completes {@code f} with the reported state at the next checkpoint (after the state is reported). */
    void atNextCheckpoint(CompletableFuture<RunState> f) {
        owner();
        checkpointWaiters.add(f);
    }

    /** SEV from any thread: sets this PE's event register (D1.16.1). */
    void signalEvent() {
        if (Thread.currentThread() == thread) {
            cpu.eventRegister = true;
        } else {
            eventPending.set(true);
            kick();
        }
    }

    // ---- waiting on other vCPUs without deadlock -------------------------------------------

    /**
     * Waits on this vCPU's own thread for {@code f}, serving this vCPU's queue meanwhile (so two
     * vCPUs in mutual runSync both progress) and standing outside guest code (so an exclusive
     * section elsewhere is not held up).
     */
    void waitServing(CompletableFuture<?> f) {
        f.whenComplete((r, e) -> wakeUp());
        boolean wasInGuest = inGuest;
        if (wasInGuest) {
            inGuest = false;
            machine.gate().leaveGuest();
        }
        try {
            while (!f.isDone()) {
                drain();
                if (f.isDone()) {
                    break;
                }
                waitPath.sleepOnce(f::isDone);
            }
        } finally {
            if (wasInGuest && machine.gate().enterGuest()) {
                inGuest = true;
            }
        }
    }

    // ---- Vcpu: any thread ------------------------------------------------------------------

    void enqueue(WorkItem w) {
        queue.add(w);
        if (closed) {
            abandonQueue();
        } else {
            kick();
        }
    }

    /** Makes guest code return at the next instruction boundary (no wake of the wait path). */
    void requestExit() {
        cpu.exitRequest = true;
    }

    void wakeUp() {
        waitPath.wakeUp();
    }

    @Override public int index() { return index; }

    @Override public long mpidr() { return mpidr; }

    @Override public A64Cpu cpu() { return cpu; }

    @Override public VcpuStatus status() { return reporter.status(); }

    @Override public RunState state() { return reporter.state(); }

    @Override public void asyncRun(VcpuWork work) { enqueue(WorkItem.async(work)); }

    @Override public void asyncSafeRun(VcpuWork work) { enqueue(WorkItem.safe(work)); }

    @Override
    public void runSync(VcpuWork work) {
        callSync(ctx -> {
            work.run(ctx);
            return null;
        });
    }

    @Override
    public <T> T callSync(VcpuCall<T> call) {
        if (Thread.currentThread() == thread) {
            return call.call(this);
        }
        if (closed || machine.stopRequested()) {
            throw new MachineShutDownException();
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        enqueue(WorkItem.sync(ctx -> f.complete(call.call(ctx)), f));
        return machine.blockOn(f);
    }

    @Override
    public void kick() {
        cpu.exitRequest = true;
        wakeUp();
    }

    @Override
    public void raiseInterrupt(int ppi) {
        machine.setPrivateInterruptLine(index, ppi, true);
    }

    @Override
    public void lowerInterrupt(int ppi) {
        machine.setPrivateInterruptLine(index, ppi, false);
    }

    @Override
    public boolean awaitState(RunState state, Duration timeout) throws InterruptedException {
        return reporter.awaitAnnounced(state, timeout.toNanos());
    }

    boolean isClosed() { return closed; }

    long iterations() { return iterations; }

    long workItems() { return workItems; }

    @Override
    public String toString() { return "vCPU " + index + " " + state(); }
}
