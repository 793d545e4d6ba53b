package org.emu4e.engine.gdbstub;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.emu4e.engine.api.Console;
import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuEnvironment;
import org.emu4e.engine.cpu.a64.GenericTimerAccess;
import org.emu4e.engine.cpu.a64.TlbInvalidation;
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
        return new CpuEnvironment() {
            @Override public PhysicalBus bus() { return bus; }
            @Override public int cpuIndex() { return cpu; }
            @Override public long mpidr() { return TestBoard.this.mpidr(cpu); }
            @Override public boolean irqAsserted() { return false; }
            @Override public boolean fiqAsserted() { return false; }

            @Override
            public GenericTimerAccess timer() {
                return new GenericTimerAccess() {
                    @Override public long read(Reg reg) { return reg == Reg.CNTFRQ ? 62_500_000L : 0; }
                    @Override public void write(Reg reg, long value) { }
                };
            }

            /** PSCI 0.2 subset (DEN0022): CPU_OFF, CPU_ON (64-bit), SYSTEM_OFF. */
            @Override
            public boolean firmwareCall(A64Cpu c, boolean smc, int imm16) {
                long fn = c.state().x[0] & 0xFFFF_FFFFL;
                if (fn == 0x8400_0002L) {
                    services.psciCpuOff(cpu);
                } else if (fn == 0xC400_0003L) {
                    c.state().x[0] = services.psciCpuOn((int) (c.state().x[1] & 0xFF), c.state().x[2], c.state().x[3]);
                } else if (fn == 0x8400_0008L) {
                    services.systemOff();
                } else {
                    c.state().x[0] = -1; // NOT_SUPPORTED
                }
                return true;
            }

            @Override public void sendEvent() { services.sendEvent(); }
            @Override public void broadcastTlbInvalidate(TlbInvalidation op) { services.broadcastTlbi(cpu, op); }
        };
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

    @Override public void setInterruptLine(int spi, boolean level) { }
    @Override public void close() { }
}
