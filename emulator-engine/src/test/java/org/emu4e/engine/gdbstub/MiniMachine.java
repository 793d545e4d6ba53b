package org.emu4e.engine.gdbstub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.emu4e.engine.api.Console;
import org.emu4e.engine.api.DebugControl;
import org.emu4e.engine.api.DebugStop;
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
import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuEnvironment;
import org.emu4e.engine.cpu.a64.GenericTimerAccess;
import org.emu4e.engine.cpu.a64.TlbInvalidation;
import org.emu4e.engine.memory.PhysicalBus;
import org.emu4e.engine.memory.Ram;

/**
 * A small but real {@link Machine} for the stub's tests while the runtime is elsewhere: N
 * real {@link A64Cpu}s on one bus, each on its own thread with a work queue, debug
 * stop/resume/step, a PMU halt line and state reporting. No devices, no interrupts, no
 * PSCI: every vCPU starts at {@link #ENTRY} + 0x100 * index, at EL1, MMU off.
 */
final class MiniMachine implements Machine {
    static final long RAM_BASE = 0x4000_0000L;
    static final long ENTRY = RAM_BASE + 0x1_0000;
    /** A 4 KiB device region (reads 0xdead0000 + offset) for MMIO policy tests. */
    static final long DEVICE = 0x0900_0000L;

    private final ReentrantLock bigLock = new ReentrantLock();
    private final PhysicalBus bus = new PhysicalBus(bigLock);
    private final List<Cpu> cpus = new ArrayList<>();
    final List<StateListener> stateListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<MachineState>> machineListeners = new CopyOnWriteArrayList<>();
    final List<Consumer<DebugStop>> stopListeners = new CopyOnWriteArrayList<>();
    private volatile MachineState state = MachineState.CREATED;
    volatile int deviceReads;

    MiniMachine(int n, byte[] code) {
        bus.addRam(new Ram(RAM_BASE, 16L << 20));
        bus.addDevice(DEVICE, 0x1000, new org.emu4e.engine.memory.MmioDevice() {
            @Override public long read(long offset, int size) {
                deviceReads++;
                return 0xdead_0000L + offset;
            }
            @Override public void write(long offset, int size, long value) { }
            @Override public String name() { return "probe"; }
        });
        bus.load(ENTRY, code);
        for (int i = 0; i < n; i++) {
            cpus.add(new Cpu(this, i));
        }
    }

    @Override public List<? extends Vcpu> vcpus() { return cpus; }
    @Override public MachineState machineState() { return state; }

    @Override
    public void start() {
        setState(MachineState.RUNNING);
        cpus.forEach(Cpu::startThread);
    }

    @Override public void pause() { throw new UnsupportedOperationException(); }
    @Override public void resume() { throw new UnsupportedOperationException(); }

    @Override
    public void reset() {
        for (Cpu c : cpus) {
            c.runSync(ctx -> c.resetCpu());
        }
    }

    @Override
    public void shutdown() {
        if (state == MachineState.SHUTDOWN) {
            return;
        }
        setState(MachineState.SHUTDOWN);
        for (Cpu c : cpus) {
            c.stopThread();
        }
    }

    private void setState(MachineState s) {
        state = s;
        machineListeners.forEach(l -> l.accept(s));
    }

    @Override
    public boolean awaitShutdown(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (state != MachineState.SHUTDOWN && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return state == MachineState.SHUTDOWN;
    }

    @Override public int exitCode() { return 0; }
    @Override public void addStateListener(StateListener l) { stateListeners.add(l); }
    @Override public void removeStateListener(StateListener l) { stateListeners.remove(l); }
    @Override public void addMachineStateListener(Consumer<MachineState> l) { machineListeners.add(l); }
    @Override public void removeMachineStateListener(Consumer<MachineState> l) { machineListeners.remove(l); }

    @Override
    public PowerControl pmu() {
        return new PowerControl() {
            @Override public CompletableFuture<RunState> halt(int cpu) { return cpus.get(cpu).setPmuHalt(true); }
            @Override public CompletableFuture<RunState> resume(int cpu) { return cpus.get(cpu).setPmuHalt(false); }
            @Override public boolean isHaltAsserted(int cpu) { return cpus.get(cpu).pmuHalt; }
            @Override public int cpuCount() { return cpus.size(); }
        };
    }

    @Override
    public DebugControl debug() {
        return new DebugControl() {
            @Override public CompletableFuture<DebugStop> stop(int cpu) { return cpus.get(cpu).debugStop(); }
            @Override public void resume(int cpu) { cpus.get(cpu).debugResume(false); }
            @Override public CompletableFuture<DebugStop> step(int cpu) { return cpus.get(cpu).debugResume(true); }

            @Override
            public CompletableFuture<Void> setHooks(org.emu4e.engine.cpu.a64.debug.DebugHooks hooks) {
                List<CompletableFuture<Void>> fs = new ArrayList<>();
                for (Cpu c : cpus) {
                    CompletableFuture<Void> f = new CompletableFuture<>();
                    c.asyncRun(ctx -> {
                        ctx.cpu().debug = hooks;
                        f.complete(null);
                    });
                    fs.add(f);
                }
                return CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new));
            }

            @Override public void addStopListener(Consumer<DebugStop> l) { stopListeners.add(l); }
            @Override public void removeStopListener(Consumer<DebugStop> l) { stopListeners.remove(l); }
            @Override public boolean isStopped(int cpu) { return cpus.get(cpu).debugStopped; }
        };
    }

    @Override public Console console() { throw new UnsupportedOperationException(); }
    @Override public void setInterruptLine(int spi, boolean level) { }
    @Override public PhysicalBus bus() { return bus; }
    @Override public ReentrantLock bigLock() { return bigLock; }

    /** One vCPU: its thread drains its work queue, then runs guest code unless halted. */
    static final class Cpu implements Vcpu, CpuEnvironment {
        private final MiniMachine m;
        private final int index;
        private final A64Cpu cpu;
        private final LinkedBlockingQueue<VcpuWork> work = new LinkedBlockingQueue<>();
        private Thread thread;
        private volatile boolean exit;
        volatile boolean debugStopped;
        volatile boolean pmuHalt;
        private volatile RunState reported = RunState.RUNNING;
        private CompletableFuture<DebugStop> stepFuture;
        private final List<CompletableFuture<DebugStop>> stopWaiters = new ArrayList<>();

        Cpu(MiniMachine m, int index) {
            this.m = m;
            this.index = index;
            this.cpu = new A64Cpu(this);
            resetCpu();
        }

        void resetCpu() { cpu.reset(1, ENTRY + 0x100L * index); }

        void startThread() {
            thread = new Thread(this::loop, "emu4e-vcpu-" + index);
            thread.setDaemon(true);
            thread.start();
        }

        void stopThread() {
            exit = true;
            kick();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void loop() {
            var ctx = new org.emu4e.engine.api.VcpuContext() {
                @Override public int index() { return index; }
                @Override public A64Cpu cpu() { return cpu; }
            };
            while (!exit) {
                VcpuWork w;
                while ((w = work.poll()) != null) {
                    w.run(ctx);
                }
                report(debugStopped ? RunState.DEBUG_STOPPED : pmuHalt ? RunState.PMU_HALTED : RunState.RUNNING, "loop");
                if (debugStopped || pmuHalt) {
                    try {
                        VcpuWork next = work.poll(50, TimeUnit.MILLISECONDS);
                        if (next != null) {
                            next.run(ctx);
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
                cpu.exitRequest = false;
                switch (cpu.run(stepFuture != null ? 1 : 2000)) {
                    case BREAKPOINT -> enterStop(DebugStop.Reason.BREAKPOINT, cpu.state().pc);
                    case WATCHPOINT -> enterStop(DebugStop.Reason.WATCHPOINT, cpu.lastWatchAddress);
                    case STEP -> {
                        cpu.singleStep = false;
                        enterStop(DebugStop.Reason.STEP, cpu.state().pc);
                    }
                    case WFI, WFE -> Thread.onSpinWait();
                    default -> { }
                }
            }
        }

        private void report(RunState s, String why) {
            RunState old = reported;
            if (old != s) {
                reported = s;
                StateChange c = new StateChange(index, old, s, why, System.nanoTime(), cpu.instructions);
                m.stateListeners.forEach(l -> l.stateChanged(c));
            }
        }

        private void enterStop(DebugStop.Reason r, long addr) {
            debugStopped = true;
            report(RunState.DEBUG_STOPPED, "gdb");
            DebugStop st = new DebugStop(index, r, addr);
            m.stopListeners.forEach(l -> l.accept(st));
            if (stepFuture != null) {
                stepFuture.complete(st);
                stepFuture = null;
            }
            stopWaiters.forEach(f -> f.complete(st));
            stopWaiters.clear();
        }

        CompletableFuture<DebugStop> debugStop() {
            CompletableFuture<DebugStop> f = new CompletableFuture<>();
            asyncRun(ctx -> {
                if (debugStopped) {
                    f.complete(new DebugStop(index, DebugStop.Reason.REQUESTED, cpu.state().pc));
                } else {
                    cpu.singleStep = false;
                    stepFuture = null;
                    stopWaiters.add(f);
                    enterStop(DebugStop.Reason.REQUESTED, cpu.state().pc);
                }
            });
            return f;
        }

        CompletableFuture<DebugStop> debugResume(boolean step) {
            CompletableFuture<DebugStop> f = new CompletableFuture<>();
            asyncRun(ctx -> {
                if (!debugStopped) {
                    f.complete(new DebugStop(index, DebugStop.Reason.REQUESTED, cpu.state().pc));
                    return;
                }
                debugStopped = false;
                cpu.skipBreakpointOnce = cpu.debug != null && cpu.debug.breakpointAt(cpu.state().pc);
                if (step) {
                    cpu.singleStep = true;
                    stepFuture = f;
                } else {
                    f.complete(null);
                }
            });
            return f;
        }

        CompletableFuture<RunState> setPmuHalt(boolean on) {
            CompletableFuture<RunState> f = new CompletableFuture<>();
            asyncRun(ctx -> {
                pmuHalt = on;
                f.complete(on ? RunState.PMU_HALTED : RunState.RUNNING);
            });
            return f;
        }

        // ---- Vcpu ----
        @Override public int index() { return index; }
        @Override public long mpidr() { return 0x8000_0000L | index; }

        @Override
        public VcpuStatus status() {
            return new VcpuStatus(index, mpidr(), reported, cpu.state().pc, cpu.state().el, cpu.instructions,
                    Map.of(), Map.of());
        }

        @Override public RunState state() { return reported; }

        @Override
        public void asyncRun(VcpuWork w) {
            work.add(w);
            kick();
        }

        @Override
        public void runSync(VcpuWork w) {
            callSync(ctx -> {
                w.run(ctx);
                return null;
            });
        }

        @Override
        public <T> T callSync(VcpuCall<T> call) {
            if (m.state == MachineState.SHUTDOWN) {
                throw new IllegalStateException("machine shut down");
            }
            CompletableFuture<T> f = new CompletableFuture<>();
            asyncRun(ctx -> {
                try {
                    f.complete(call.call(ctx));
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
            try {
                return f.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw (RuntimeException) e.getCause();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override public void asyncSafeRun(VcpuWork w) { asyncRun(w); }
        @Override public void kick() { cpu.exitRequest = true; }

        @Override
        public boolean awaitState(RunState s, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (reported != s && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            return reported == s;
        }

        // ---- CpuEnvironment ----
        @Override public PhysicalBus bus() { return m.bus; }
        @Override public int cpuIndex() { return index; }
        @Override public boolean irqAsserted() { return false; }
        @Override public boolean fiqAsserted() { return false; }

        @Override
        public GenericTimerAccess timer() {
            return new GenericTimerAccess() {
                @Override public long read(Reg reg) { return 0; }
                @Override public void write(Reg reg, long value) { }
            };
        }

        @Override public boolean firmwareCall(A64Cpu c, boolean smc, int imm16) { return false; }
        @Override public void sendEvent() { }
        @Override public void broadcastTlbInvalidate(TlbInvalidation op) { }
    }
}
