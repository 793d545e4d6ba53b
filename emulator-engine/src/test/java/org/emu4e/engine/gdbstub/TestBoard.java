package org.emu4e.engine.gdbstub;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.emu4e.engine.testing.TestCpuEnvironment;
import org.emu4e.engine.api.Console;
import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuEnvironment;
import org.emu4e.engine.memory.MmioDevice;
import org.emu4e.engine.memory.PhysicalBus;
import org.emu4e.engine.memory.Ram;
import org.emu4e.engine.runtime.Board;
import org.emu4e.engine.runtime.MttcgMachine;
import org.emu4e.engine.runtime.RuntimeServices;

/**
 * A minimal board for the stub's end-to-end tests on the real runtime ({@link MttcgMachine}):
 * 16 MiB of RAM at {@link #RAM_BASE}, a probe device at {@link #DEVICE} that counts reads,
 * PSCI CPU_ON/CPU_OFF/SYSTEM_OFF through HVC, no interrupt controller. Every CPU resets to
 * EL1h at {@link #ENTRY} + 0x100 * index; all start powered on unless told otherwise.
 */
final class TestBoard implements Board {
    static final long RAM_BASE = 0x4000_0000L;
    static final long RAM_SIZE = 16L << 20;
    static final long ENTRY = RAM_BASE + 0x1_0000;
    static final long DEVICE = 0x0900_0000L;

    private final int cpus;
    private final boolean allOn;
    private final ReentrantLock bigLock = new ReentrantLock();
    private final PhysicalBus bus = new PhysicalBus(bigLock);
    volatile int deviceReads;

    TestBoard(int cpus, boolean allOn, byte[] image) {
        this.cpus = cpus;
        this.allOn = allOn;
        bus.addRam(new Ram(RAM_BASE, RAM_SIZE));
        bus.addDevice(DEVICE, 0x1000, new MmioDevice() {
            @Override public long read(long offset, int size) {
                deviceReads++;
                return 0xdead_0000L + offset;
            }
            @Override public void write(long offset, int size, long value) { }
            @Override public String name() { return "probe"; }
        });
        bus.load(ENTRY, image);
    }

    static MttcgMachine machine(int cpus, boolean allOn, byte[] image) {
        return new MttcgMachine(new TestBoard(cpus, allOn, image));
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
        c.reset(1, ENTRY + 0x100L * cpu);
    }

    @Override public boolean startsPoweredOn(int cpu) { return allOn || cpu == 0; }
    @Override public void resetDevices() { }

    @Override
    public Console console() {
        return new Console() {
            @Override public void addOutputListener(Consumer<byte[]> l) { }
            @Override public void removeOutputListener(Consumer<byte[]> l) { }
            @Override public void input(byte[] bytes) { }
        };
    }

    @Override public void setPrivateInterruptLine(int cpu, int ppi, boolean level) { }
    @Override public void setInterruptLine(int spi, boolean level) { }
    @Override public void close() { }
}
