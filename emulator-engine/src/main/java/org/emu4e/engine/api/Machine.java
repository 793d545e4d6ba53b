package org.emu4e.engine.api;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * An emulated machine: its vCPUs (one host thread each), its devices behind the big lock,
 * and the controls an embedder (CLI, GDB stub, control protocol, IDE, JUnit extension) uses.
 * All methods are thread-safe.
 */
public interface Machine extends AutoCloseable {
    List<? extends Vcpu> vcpus();

    default Vcpu vcpu(int index) { return vcpus().get(index); }

    default int cpuCount() { return vcpus().size(); }

    MachineState machineState();

    /** Starts the vCPU threads (boot CPU running, secondaries as the board's boot protocol says). */
    void start();

    /** Stops all vCPUs (state PAUSED) until {@link #resume()}; returns once they are all paused. */
    void pause();

    void resume();

    /** System reset: every vCPU back to its reset state, devices reset, boot code reloaded. */
    void reset();

    /** Stops every vCPU thread and releases resources; idempotent. */
    void shutdown();

    @Override
    default void close() { shutdown(); }

    /** Waits until the machine has shut down (guest SYSTEM_OFF or {@link #shutdown()}). */
    boolean awaitShutdown(Duration timeout) throws InterruptedException;

    /** 0 for a clean guest power-off; other values for resets or errors. */
    int exitCode();

    void addStateListener(StateListener l);

    void removeStateListener(StateListener l);

    void addMachineStateListener(Consumer<MachineState> l);

    void removeMachineStateListener(Consumer<MachineState> l);

    PowerControl pmu();

    DebugControl debug();

    /** The primary UART (PL011 on virt). */
    Console console();

    /** Drives a shared peripheral interrupt line (SPI number from 0, i.e. GIC INTID 32+n). */
    void setInterruptLine(int spi, boolean level);
}
