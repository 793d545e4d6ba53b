package org.emu4e.engine.control;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.emu4e.engine.testing.TestCpuEnvironment;
import org.emu4e.engine.api.Console;
import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuEnvironment;
import org.emu4e.engine.memory.PhysicalBus;
import org.emu4e.engine.memory.Ram;
import org.emu4e.engine.runtime.Board;
import org.emu4e.engine.runtime.RuntimeServices;
import org.emu4e.engine.testing.Asm;

/**
 * A small real board for the control-protocol tests: four CPUs on RAM, every CPU powered on
 * and running a counting loop (CPU 3 sits in WFI), SPI lines recorded, and a loopback console
 * (what the host writes comes back as guest output) whose input can be held to keep requests
 * in flight.
 */
final class ControlTestBoard implements Board {
    static final long RAM_BASE = 0x4000_0000L;
    static final long CODE = RAM_BASE + 0x1000;
    static final long WFI_CODE = RAM_BASE + 0x2000;

    private final int cpus;
    private final ReentrantLock bigLock = new ReentrantLock();
    private final PhysicalBus bus = new PhysicalBus(bigLock);
    final boolean[] lines = new boolean[988];
    private final List<Consumer<byte[]>> outputListeners = new CopyOnWriteArrayList<>();
    /** When set, console input waits for it. */
    volatile CountDownLatch inputGate;

    ControlTestBoard(int cpus) {
        this.cpus = cpus;
        bus.addRam(new Ram(RAM_BASE, 1 << 20));
        bus.load(CODE, Asm.assemble("""
                loop:
                    add x1, x1, #1
                    add x2, x2, x1
                    b loop
                """));
        bus.load(WFI_CODE, Asm.assemble("""
                idle:
                    wfi
                    b idle
                """));
    }

    @Override public int cpuCount() { return cpus; }
    @Override public long mpidr(int cpu) { return 0x8000_0000L | cpu; }
    @Override public PhysicalBus bus() { return bus; }
    @Override public ReentrantLock bigLock() { return bigLock; }

    @Override
    public CpuEnvironment environment(int cpu, RuntimeServices services) {
        return new TestCpuEnvironment(bus, cpu, mpidr(cpu), services, () -> false);
    }

    @Override
    public void resetCpu(int cpu, A64Cpu c) {
        c.reset(1, cpu == 3 ? WFI_CODE : CODE);
    }

    @Override public boolean startsPoweredOn(int cpu) { return true; }
    @Override public void resetDevices() { }

    @Override
    public Console console() {
        return console;
    }

    private final Console console = new Console() {
        @Override public void addOutputListener(Consumer<byte[]> l) { outputListeners.add(l); }
        @Override public void removeOutputListener(Consumer<byte[]> l) { outputListeners.remove(l); }

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
            guestOutput(bytes);
        }
    };

    /** Bytes "transmitted by the guest", told to listeners on the calling thread like a UART does. */
    void guestOutput(byte[] bytes) {
        for (Consumer<byte[]> l : outputListeners) {
            l.accept(bytes);
        }
    }

    @Override public void setPrivateInterruptLine(int cpu, int ppi, boolean level) { }

    @Override
    public void setInterruptLine(int spi, boolean level) {
        bigLock.lock();
        try {
            lines[spi] = level;
        } finally {
            bigLock.unlock();
        }
    }

    @Override public void close() { }
}
