package org.emu4e.engine.runtime;

import java.util.concurrent.locks.ReentrantLock;

import org.emu4e.engine.api.Console;
import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuEnvironment;
import org.emu4e.engine.memory.PhysicalBus;

/**
 * What the runtime needs from a board: the memory map, per-vCPU environments, boot state and
 * reset. Implemented by board.virt.VirtBoard. (Placeholder copy kept in the board branch until
 * the runtime branch lands; the signatures follow HELPERS.md exactly.)
 */
public interface Board {
    int cpuCount();

    long mpidr(int cpu);

    PhysicalBus bus();

    ReentrantLock bigLock();

    CpuEnvironment environment(int cpu, RuntimeServices services);

    /** Architectural reset plus boot registers (boot CPU: pc = entry, x0 = dtb). */
    void resetCpu(int cpu, A64Cpu c);

    /** False for secondaries on virt (PSCI CPU_ON starts them). */
    boolean startsPoweredOn(int cpu);

    /** System reset; called with the big lock held. */
    void resetDevices();

    Console console();

    void setInterruptLine(int spi, boolean level);

    void close();
}
