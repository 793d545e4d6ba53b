package org.emu4e.engine.control;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.emu4e.engine.api.Console;
import org.emu4e.engine.api.DebugControl;
import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.MachineState;
import org.emu4e.engine.api.PowerControl;
import org.emu4e.engine.api.RunState;
import org.emu4e.engine.api.StateChange;
import org.emu4e.engine.api.StateListener;
import org.emu4e.engine.api.Vcpu;
import org.emu4e.engine.api.VcpuCall;
import org.emu4e.engine.api.VcpuStatus;
import org.emu4e.engine.api.VcpuWork;
import org.emu4e.engine.memory.PhysicalBus;

/**
 * A stand-in {@link Machine} for protocol unit tests that need behaviour a real guest cannot
 * give on demand (a console that blocks, a loopback UART). One thread per vCPU that "retires"
 * instructions while RUNNING; PMU halt and pause are work run on that thread, listeners are
 * told before the futures complete, as the runtime contract says.
 */
final class ToyMachine implements Machine {
    final List<ToyVcpu> vcpus;
    private final List<StateListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<MachineState>> machineListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<byte[]>> consoleListeners = new CopyOnWriteArrayList<>();
    private volatile MachineState state = MachineState.CREATED;
    private final ReentrantLock bigLock = new ReentrantLock();
    final boolean[] lines = new boolean[988];
    /** When set, console input waits for it (to hold requests in flight). */
    volatile CountDownLatch inputGate;

    ToyMachine(int cpus) {
        vcpus = java.util.stream.IntStream.range(0, cpus).mapToObj(ToyVcpu::new).toList();
    }

    final class ToyVcpu implements Vcpu {
        final int index;
        final Thread thread;
        final ConcurrentLinkedQueue<VcpuWork> work = new ConcurrentLinkedQueue<>();
        volatile RunState state = RunState.RUNNING;
        volatile boolean halt;
        volatile boolean paused;
        volatile long insns;
        volatile long pc = 0x40000000L;
        final Map<RunState, Long> nanos = new EnumMap<>(RunState.class);
        long since = System.nanoTime();

        ToyVcpu(int index) {
            this.index = index;
            this.thread = new Thread(this::loop, "toy-vcpu-" + index);
            thread.setDaemon(true);
        }

        private void loop() {
            while (ToyMachine.this.state != MachineState.SHUTDOWN) {
                VcpuWork w;
                while ((w = work.poll()) != null) {
                    w.run(null);
                }
                RunState want = paused ? RunState.PAUSED : halt ? RunState.PMU_HALTED : RunState.RUNNING;
                if (want != state) {
                    transition(want, paused ? "pause" : halt ? "pmu halt" : "pmu resume");
                }
                if (state == RunState.RUNNING) {
                    insns += 1000;
                    pc += 4;
                    LockSupport.parkNanos(200_000);
                } else {
                    LockSupport.parkNanos(5_000_000);
                }
            }
        }

        private void transition(RunState to, String reason) {
            long now = System.nanoTime();
            synchronized (nanos) {
                nanos.merge(state, now - since, Long::sum);
                since = now;
            }
            StateChange c = new StateChange(index, state, to, reason, now, insns);
            state = to;
            for (StateListener l : listeners) {
                l.stateChanged(c);
            }
        }

        @Override public int index() { return index; }
        @Override public long mpidr() { return 0x80000000L | index; }

        @Override
        public VcpuStatus status() {
            Map<RunState, Long> n;
            synchronized (nanos) {
                n = new EnumMap<>(nanos);
            }
            Map<RunState, Long> i = new EnumMap<>(RunState.class);
            i.put(RunState.RUNNING, insns);
            return new VcpuStatus(index, mpidr(), state, pc, 1, insns, n, i);
        }

        @Override public RunState state() { return state; }

        @Override
        public void asyncRun(VcpuWork w) {
            work.add(w);
            kick();
        }

        @Override public void runSync(VcpuWork w) { throw new UnsupportedOperationException(); }
        @Override public <T> T callSync(VcpuCall<T> call) { throw new UnsupportedOperationException(); }
        @Override public void asyncSafeRun(VcpuWork w) { asyncRun(w); }
        @Override public void kick() { LockSupport.unpark(thread); }

        @Override
        public boolean awaitState(RunState s, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (state != s) {
                if (System.nanoTime() > end) {
                    return false;
                }
                Thread.sleep(1);
            }
            return true;
        }

        /** Work that settles the state now and completes {@code f} after listeners heard of it. */
        CompletableFuture<RunState> change(Runnable set) {
            CompletableFuture<RunState> f = new CompletableFuture<>();
            asyncRun(ctx -> {
                set.run();
                RunState want = paused ? RunState.PAUSED : halt ? RunState.PMU_HALTED : RunState.RUNNING;
                if (want != state) {
                    transition(want, paused ? "pause" : halt ? "pmu halt" : "pmu resume");
                }
                f.complete(state);
            });
            return f;
        }
    }

    private final PowerControl pmu = new PowerControl() {
        @Override public CompletableFuture<RunState> halt(int cpu) { checkAlive(); return vcpus.get(cpu).change(() -> vcpus.get(cpu).halt = true); }
        @Override public CompletableFuture<RunState> resume(int cpu) { checkAlive(); return vcpus.get(cpu).change(() -> vcpus.get(cpu).halt = false); }
        @Override public boolean isHaltAsserted(int cpu) { return vcpus.get(cpu).halt; }
        @Override public int cpuCount() { return vcpus.size(); }
    };

    private final Console console = new Console() {
        @Override public void addOutputListener(Consumer<byte[]> l) { consoleListeners.add(l); }
        @Override public void removeOutputListener(Consumer<byte[]> l) { consoleListeners.remove(l); }

        @Override
        public void input(byte[] bytes) {
            CountDownLatch gate = inputGate;
            if (gate != null) {
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            guestOutput(bytes); // loopback: the toy guest echoes what it receives
        }
    };

    /** What the guest "transmits"; told on the calling thread like a real UART. */
    void guestOutput(byte[] bytes) {
        for (Consumer<byte[]> l : consoleListeners) {
            l.accept(bytes);
        }
    }

    private void checkAlive() {
        if (state == MachineState.SHUTDOWN) {
            throw new IllegalStateException("machine has shut down");
        }
    }

    private void setState(MachineState s) {
        state = s;
        for (Consumer<MachineState> l : machineListeners) {
            l.accept(s);
        }
    }

    @Override public List<? extends Vcpu> vcpus() { return vcpus; }
    @Override public MachineState machineState() { return state; }

    @Override
    public void start() {
        setState(MachineState.RUNNING);
        vcpus.forEach(v -> v.thread.start());
    }

    @Override
    public void pause() {
        vcpus.stream().map(v -> v.change(() -> v.paused = true)).toList().forEach(CompletableFuture::join);
        setState(MachineState.PAUSED);
    }

    @Override
    public void resume() {
        vcpus.stream().map(v -> v.change(() -> v.paused = false)).toList().forEach(CompletableFuture::join);
        setState(MachineState.RUNNING);
    }

    @Override public void reset() { vcpus.forEach(v -> v.pc = 0x40000000L); }

    @Override
    public void shutdown() {
        if (state != MachineState.SHUTDOWN) {
            setState(MachineState.SHUTDOWN);
            vcpus.forEach(v -> {
                v.kick();
                try {
                    v.thread.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    @Override
    public boolean awaitShutdown(Duration timeout) throws InterruptedException {
        return state == MachineState.SHUTDOWN;
    }

    @Override public int exitCode() { return 0; }
    @Override public void addStateListener(StateListener l) { listeners.add(l); }
    @Override public void removeStateListener(StateListener l) { listeners.remove(l); }
    @Override public void addMachineStateListener(Consumer<MachineState> l) { machineListeners.add(l); }
    @Override public void removeMachineStateListener(Consumer<MachineState> l) { machineListeners.remove(l); }
    @Override public PowerControl pmu() { return pmu; }
    @Override public DebugControl debug() { return null; }
    @Override public Console console() { return console; }

    @Override
    public void setInterruptLine(int spi, boolean level) {
        bigLock.lock();
        try {
            lines[spi] = level;
        } finally {
            bigLock.unlock();
        }
    }

    @Override public PhysicalBus bus() { return null; }
    @Override public ReentrantLock bigLock() { return bigLock; }
}
