package org.emu4e.engine.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.emu4e.engine.api.Console;
import org.emu4e.engine.cpu.a64.CpuEnvironment;
import org.emu4e.engine.memory.PhysicalBus;
import org.emu4e.engine.testing.TestCpuEnvironment;

/**
 * What the runtime test boards share: one bus and big lock, N CPUs with MPIDR {@code 0x80000000 | n},
 * one IRQ input line per CPU that the test drives (every interrupt line of the board maps onto
 * it), no console output. Subclasses load the programs and reset the CPUs.
 */
abstract class IrqLineBoard implements Board {
    protected final int n;
    protected final ReentrantLock bigLock = new ReentrantLock();
    protected final PhysicalBus bus = new PhysicalBus(bigLock);
    private final AtomicIntegerArray irq;
    final AtomicInteger closes = new AtomicInteger();
    private volatile RuntimeServices services;

    IrqLineBoard(int n) {
        this.n = n;
        this.irq = new AtomicIntegerArray(n);
    }

    /** Drives the IRQ input of {@code cpu}, then tells the runtime (as an interrupt controller does). */
    void setIrq(int cpu, boolean level) {
        irq.set(cpu, level ? 1 : 0);
        RuntimeServices s = services;
        if (s != null) {
            s.kick(cpu);
        }
    }

    RuntimeServices services() { return services; }

    @Override public int cpuCount() { return n; }

    @Override public long mpidr(int cpu) { return 0x8000_0000L | cpu; }

    @Override public PhysicalBus bus() { return bus; }

    @Override public ReentrantLock bigLock() { return bigLock; }

    @Override
    public CpuEnvironment environment(int cpu, RuntimeServices s) {
        this.services = s;
        return new TestCpuEnvironment(bus, cpu, mpidr(cpu), s, () -> irq.get(cpu) != 0);
    }

    /** Lowers every IRQ line (system reset). */
    @Override
    public void resetDevices() {
        for (int i = 0; i < n; i++) {
            irq.set(i, 0);
        }
    }

    @Override
    public Console console() {
        return new Console() {
            @Override public void addOutputListener(Consumer<byte[]> l) { }
            @Override public void removeOutputListener(Consumer<byte[]> l) { }
            @Override public void input(byte[] bytes) { }
        };
    }

    @Override public void setInterruptLine(int spi, boolean level) { setIrq(spi % n, level); }

    @Override public void setPrivateInterruptLine(int cpu, int ppi, boolean level) { setIrq(cpu, level); }

    @Override public void close() { closes.incrementAndGet(); }
}
