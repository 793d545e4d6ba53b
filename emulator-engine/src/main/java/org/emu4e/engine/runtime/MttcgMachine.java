package org.emu4e.engine.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.emu4e.engine.api.Console;
import org.emu4e.engine.api.DebugControl;
import org.emu4e.engine.api.DebugStop;
import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.MachineState;
import org.emu4e.engine.api.PowerControl;
import org.emu4e.engine.api.RunState;
import org.emu4e.engine.api.StateListener;
import org.emu4e.engine.api.Vcpu;
import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.memory.PhysicalBus;

/**
 * The multi-threaded machine: one host thread per vCPU running guest code without the big lock,
 * devices behind the board's big lock, and every cross-vCPU action as work queued on the target
 * vCPU (see docs/runtime.md). Thread-safe.
 */
public final class MttcgMachine implements Machine, MachineInternals {
    private static final System.Logger LOG = System.getLogger(MttcgMachine.class.getName());

    private static final String TIMER_THREAD = "emu4e-timers";

    private final Board board;
    private final List<VcpuThread> vcpus;
    private final ExclusiveGate gate = new ExclusiveGate();
    private final PsciPowerTable power;
    private final AtomicIntegerArray pmuLines;
    private final PmuControl pmu = new PmuControl(this);
    private final DebugController debug = new DebugController(this);
    private final CopyOnWriteArrayList<StateListener> stateListeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Consumer<MachineState>> machineListeners = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final Object life = new Object();
    private final AtomicInteger liveThreads = new AtomicInteger();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final CountDownLatch shutDown = new CountDownLatch(1);
    private volatile MachineState machineState = MachineState.CREATED;
    private volatile boolean stopRequested;
    private volatile boolean hostPaused;
    private volatile int exitCode = -1;
    /** Longest sleep of a WFE whose exclusive monitor is armed before it completes anyway. */
    /** Intervals between re-reads of a monitored location in WFE (the safety net under the store events). */
    volatile long monitorPollMinNanos = 50_000;
    volatile long monitorPollMaxNanos = 1_000_000;
    volatile long monitorWaitMaxNanos = 2_000_000;
    private ScheduledThreadPoolExecutor timers; // guarded by life
    private boolean started; // guarded by life
    private volatile Thread timerThread;

    public MttcgMachine(Board board) {
        this.board = board;
        int n = board.cpuCount();
        MachineServices services = new MachineServices(this);
        power = new PsciPowerTable(n);
        pmuLines = new AtomicIntegerArray(n);
        List<VcpuThread> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean on = board.startsPoweredOn(i);
            power.init(i, on);
            A64Cpu cpu = new A64Cpu(board.environment(i, services));
            list.add(new VcpuThread(this, i, board.mpidr(i), cpu, on));
        }
        vcpus = List.copyOf(list);
        gate.setVcpus(vcpus);
    }

    // ---- Machine ----------------------------------------------------------------------------

    @Override public List<? extends Vcpu> vcpus() { return vcpus; }

    @Override public MachineState machineState() { return machineState; }

    @Override
    public void start() {
        synchronized (life) {
            if (started || stopRequested) {
                throw new IllegalStateException("machine already started or shut down");
            }
            started = true;
            liveThreads.set(vcpus.size());
            for (VcpuThread v : vcpus) {
                v.start();
            }
            setMachineState(hostPaused ? MachineState.PAUSED : MachineState.RUNNING);
        }
    }

    @Override
    public void pause() {
        hostPaused = true;
        List<CompletableFuture<RunState>> all = new ArrayList<>();
        VcpuThread me = currentOwn();
        for (VcpuThread v : vcpus) {
            CompletableFuture<RunState> f = new CompletableFuture<>();
            v.asyncRun(ctx -> {
                v.power.setPaused(true);
                v.atNextCheckpoint(f);
            });
            if (v != me) {
                all.add(f);
            }
        }
        if (!isStarted()) {
            return; // the vCPUs start paused; start() reports PAUSED
        }
        try {
            blockOn(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));
        } catch (IllegalStateException e) {
            return; // shut down meanwhile
        }
        setMachineState(MachineState.PAUSED);
    }

    @Override
    public void resume() {
        hostPaused = false;
        for (VcpuThread v : vcpus) {
            v.asyncRun(ctx -> v.power.setPaused(false));
        }
        if (isStarted()) {
            setMachineState(MachineState.RUNNING);
        }
    }

    private boolean isStarted() {
        synchronized (life) {
            return started;
        }
    }

    @Override
    public void reset() {
        CompletableFuture<Void> done = requestSystemReset();
        if (currentOwn() == null && isStarted()) {
            blockOn(done);
        }
    }

    /** System reset as exclusive work: devices, PSCI power table, then every vCPU resets itself. */
    CompletableFuture<Void> requestSystemReset() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        VcpuThread me = currentOwn();
        VcpuThread target = me != null ? me : vcpus.get(0);
        target.enqueue(new WorkItem(ctx -> {
            ReentrantLock big = board.bigLock();
            big.lock();
            try {
                board.resetDevices();
                for (int i = 0; i < vcpus.size(); i++) {
                    power.reset(i, board.startsPoweredOn(i));
                }
            } finally {
                big.unlock();
            }
            for (VcpuThread v : vcpus) {
                v.asyncRun(c -> v.power.resetForBoot());
            }
            f.complete(null);
        }, true, f));
        return f;
    }

    @Override
    public void shutdown() {
        requestStop(0);
        for (VcpuThread v : vcpus) {
            v.join();
        }
        boolean wasStarted;
        synchronized (life) {
            wasStarted = started;
        }
        if (!wasStarted) {
            finish(); // no vCPU thread will
        }
        // Otherwise the last vCPU thread to exit has finished (or, called on a vCPU thread, will).
        if (currentOwn() == null && !Thread.currentThread().getName().equals(TIMER_THREAD)) {
            ScheduledThreadPoolExecutor t;
            synchronized (life) {
                t = timers;
            }
            if (t != null && finished.get()) {
                try {
                    t.awaitTermination(5, TimeUnit.SECONDS);
                    Thread th = timerThread;
                    if (th != null) {
                        th.join(5000); // the timer thread is gone when we return
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public boolean awaitShutdown(Duration timeout) throws InterruptedException {
        return shutDown.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override public int exitCode() { return exitCode; }

    @Override public void addStateListener(StateListener l) { stateListeners.add(l); }

    @Override public void removeStateListener(StateListener l) { stateListeners.remove(l); }

    @Override public void addMachineStateListener(Consumer<MachineState> l) { machineListeners.add(l); }

    @Override public void removeMachineStateListener(Consumer<MachineState> l) { machineListeners.remove(l); }

    @Override public PowerControl pmu() { return pmu; }

    @Override public DebugControl debug() { return debug; }

    @Override public Console console() { return board.console(); }

    @Override
    public void setInterruptLine(int spi, boolean level) {
        ReentrantLock big = board.bigLock();
        big.lock();
        try {
            board.setInterruptLine(spi, level);
        } finally {
            big.unlock();
        }
    }

    /** {@link org.emu4e.engine.api.Vcpu#raiseInterrupt} and its counterpart. */
    void setPrivateInterruptLine(int cpu, int ppi, boolean level) {
        if (ppi < 16 || ppi > 31) {
            throw new IllegalArgumentException("not a private peripheral interrupt (16..31): " + ppi);
        }
        ReentrantLock big = board.bigLock();
        big.lock();
        try {
            board.setPrivateInterruptLine(cpu, ppi, level);
        } finally {
            big.unlock();
        }
    }

    @Override public PhysicalBus bus() { return board.bus(); }

    @Override public ReentrantLock bigLock() { return board.bigLock(); }

    /** Internal failures and failed async work, oldest first (empty in a healthy machine). */
    public List<Throwable> failures() { return List.copyOf(failures); }

    /** vCPUs executing guest code right now (0 inside an exclusive section); for tests. */
    int vcpusInGuestCode() { return gate.vcpusInGuestCode(); }

    // ---- for the runtime's own classes ------------------------------------------------------

    Board board() { return board; }

    ExclusiveGate gate() { return gate; }

    PsciPowerTable power() { return power; }

    DebugController debugController() { return debug; }

    List<StateListener> stateListeners() { return stateListeners; }

    VcpuThread vcpuThread(int i) { return vcpus.get(i); }

    List<VcpuThread> vcpuThreads() { return vcpus; }

    boolean stopRequested() { return stopRequested; }

    boolean pmuLine(int cpu) { return pmuLines.get(cpu) != 0; }

    CompletableFuture<RunState> driveHaltLine(int cpu, boolean asserted) {
        VcpuThread v = vcpus.get(cpu);
        pmuLines.set(cpu, asserted ? 1 : 0);
        CompletableFuture<RunState> f = new CompletableFuture<>();
        v.enqueue(WorkItem.sync(ctx -> {
            v.power.applyPmuLine();
            v.atNextCheckpoint(f);
        }, f));
        return f;
    }

    /** The vCPU of this machine whose thread is calling, or null. */
    private VcpuThread currentOwn() {
        VcpuThread v = VcpuThread.current();
        return v != null && v.machine == this ? v : null;
    }

    /**
     * Waits for {@code f} without deadlocking: the big lock is released meanwhile (and re-taken
     * as often as it was held), and a vCPU thread of this machine serves its own queue.
     */
    <T> T blockOn(CompletableFuture<T> f) {
        ReentrantLock big = board.bigLock();
        int holds = big.isHeldByCurrentThread() ? big.getHoldCount() : 0;
        for (int i = 0; i < holds; i++) {
            big.unlock();
        }
        try {
            VcpuThread me = currentOwn();
            if (me != null) {
                me.waitServing(f);
            }
            return f.join();
        } catch (CompletionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw e;
        } finally {
            for (int i = 0; i < holds; i++) {
                big.lock();
            }
        }
    }

    void guestSystemOff() {
        VcpuThread me = currentOwn();
        if (me != null) {
            debug.fireStop(new DebugStop(me.index(), DebugStop.Reason.GUEST_SHUTDOWN, me.cpu().state().pc));
        }
        requestStop(0);
    }

    void internalFailure(int cpu, Throwable t) {
        LOG.log(System.Logger.Level.ERROR, "vCPU " + cpu + " failed; shutting the machine down", t);
        failures.add(t);
        requestStop(1);
    }

    void workFailure(int cpu, Throwable t) {
        LOG.log(System.Logger.Level.WARNING, "work on vCPU " + cpu + " failed", t);
        failures.add(t);
    }

    private void requestStop(int code) {
        synchronized (life) {
            if (!stopRequested) {
                stopRequested = true;
                exitCode = code;
            } else if (code != 0 && exitCode == 0) {
                exitCode = code;
            }
        }
        gate.close();
        for (VcpuThread v : vcpus) {
            v.kick();
        }
    }

    void vcpuExited() {
        if (liveThreads.decrementAndGet() == 0) {
            finish();
        }
    }

    private void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        ScheduledThreadPoolExecutor t;
        synchronized (life) {
            t = timers;
        }
        if (t != null) {
            t.shutdownNow(); // shutdown() waits for the thread to end (never on a vCPU or timer thread)
        }
        try {
            board.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "board close failed", e);
        }
        setMachineState(MachineState.SHUTDOWN);
        shutDown.countDown();
    }

    ScheduledExecutorService timers() {
        synchronized (life) {
            if (timers == null) {
                timers = new ScheduledThreadPoolExecutor(1, r -> {
                    Thread th = new Thread(r, TIMER_THREAD);
                    th.setDaemon(true);
                    timerThread = th;
                    return th;
                });
                timers.setRemoveOnCancelPolicy(true);
                if (finished.get()) {
                    timers.shutdownNow();
                }
            }
            return timers;
        }
    }

    private void setMachineState(MachineState s) {
        MachineState old = machineState;
        if (old == MachineState.SHUTDOWN || old == s) {
            return;
        }
        machineState = s;
        for (Consumer<MachineState> l : machineListeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "machine state listener failed", e);
            }
        }
    }
}
