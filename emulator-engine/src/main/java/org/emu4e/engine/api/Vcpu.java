package org.emu4e.engine.api;

import java.time.Duration;

/**
 * One virtual CPU, as every other thread sees it. All methods are thread-safe. Nothing here
 * changes the vCPU's run state directly: every change is work that runs on the vCPU's own
 * thread (QEMU's {@code async_run_on_cpu} discipline).
 */
public interface Vcpu {
    int index();

    long mpidr();

    /** Immutable snapshot; never blocks. */
    VcpuStatus status();

    /** Current reported run state; never blocks. */
    RunState state();

    /**
     * Queues {@code work} on this vCPU's thread and kicks it out of guest code or its wait
     * path; returns at once. Work runs in queue order, also while the vCPU is halted.
     */
    void asyncRun(VcpuWork work);

    /**
     * Runs {@code work} on this vCPU's thread and waits for it. Runs inline if called on that
     * thread. If the caller holds the big lock it is released while waiting and re-acquired
     * after, so this never deadlocks against a vCPU that needs the lock; a vCPU thread calling
     * this on another vCPU keeps serving its own queue while it waits.
     *
     * @throws IllegalStateException if the machine has shut down
     */
    void runSync(VcpuWork work);

    /** Like {@link #runSync} and returns the call's result. */
    <T> T callSync(VcpuCall<T> call);

    /**
     * Queues {@code work} to run on this vCPU's thread while every vCPU of the machine is
     * quiescent outside guest code (exclusive section: code-cache flush, breakpoint changes).
     * Returns at once.
     */
    void asyncSafeRun(VcpuWork work);

    /** Makes the vCPU leave guest code or its wait path to look at its work and interrupts. */
    void kick();

    /**
     * Drives this vCPU's private peripheral interrupt line {@code ppi} (GIC INTID 16..31, e.g.
     * 23 for a performance-monitor overflow) high at its interrupt controller. Any thread; takes
     * the big lock (device state) for the change, and the controller kicks the vCPU if that
     * makes an interrupt pending for it, so it is taken at the next block boundary or wakes
     * the vCPU from WFI. A line raised while the vCPU is PMU-halted or PSCI-off stays pending.
     *
     * @throws IllegalArgumentException if {@code ppi} is not 16..31
     */
    void raiseInterrupt(int ppi);

    /** Drives private peripheral interrupt line {@code ppi} low again; see {@link #raiseInterrupt}. */
    void lowerInterrupt(int ppi);

    /**
     * Waits until the reported state is {@code state} and every state listener has been told
     * of it; returns false on timeout.
     */
    boolean awaitState(RunState state, Duration timeout) throws InterruptedException;
}
