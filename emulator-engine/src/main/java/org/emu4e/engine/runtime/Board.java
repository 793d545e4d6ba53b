package org.emu4e.engine.runtime;

import java.util.concurrent.locks.ReentrantLock;

import org.emu4e.engine.api.Console;
import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuEnvironment;
import org.emu4e.engine.memory.PhysicalBus;

/**
 * What the runtime needs from a board (implemented by {@code board.virt.VirtBoard} and by test
 * boards): the CPUs' environments, the bus and big lock, reset and the boot protocol.
 * {@link #resetCpu} is always called on the vCPU's own thread; {@link #resetDevices} with the
 * big lock held.
 */
public interface Board {
    int cpuCount();

    long mpidr(int cpu);

    PhysicalBus bus();

    ReentrantLock bigLock();

    /** The environment of CPU {@code cpu}; {@code services} is how its devices reach the runtime. */
    CpuEnvironment environment(int cpu, RuntimeServices services);

    /** Architectural reset and boot registers (boot CPU: pc=entry, x0=dtb). On the vCPU's thread. */
    void resetCpu(int cpu, A64Cpu c);

    /** False for CPUs that wait for PSCI CPU_ON (secondaries on virt). */
    boolean startsPoweredOn(int cpu);

    /** System reset of every device (big lock held). */
    void resetDevices();

    Console console();

    void setInterruptLine(int spi, boolean level);

    /** Level of private peripheral interrupt {@code ppi} (16..31) of CPU {@code cpu}; big lock held. */
    void setPrivateInterruptLine(int cpu, int ppi, boolean level);

    void close();
}
