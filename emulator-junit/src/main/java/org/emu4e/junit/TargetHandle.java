package org.emu4e.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.board.virt.VirtConfig;
import org.emu4e.engine.board.virt.VirtMachine;
import org.emu4e.engine.gdbstub.GdbServer;
import org.emu4e.engine.loader.LoadException;

/**
 * A running emulated target: its UART, vCPUs, PMU, the machine itself and its power trace.
 * Injected by {@link EmulatedTargetExtension}, or made with {@link #boot(TargetSpec)} and closed
 * by the caller (try-with-resources). Thread-safe.
 */
public final class TargetHandle implements AutoCloseable {
    /** How long PMU operations may take before they count as failed. */
    public static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(10);

    private final TargetSpec spec;
    private final Machine machine;
    private final PowerTrace trace = new PowerTrace();
    private final Uart uart;
    private final Pmu pmu;
    private GdbServer gdb;
    private boolean closed;

    private TargetHandle(TargetSpec spec, Machine machine) {
        this.spec = spec;
        this.machine = machine;
        machine.addStateListener(trace);
        this.uart = new Uart(machine.console());
        this.pmu = new Pmu(machine.pmu(), CHANGE_TIMEOUT);
    }

    /**
     * Creates the machine for {@code spec}, attaches the UART tap and power trace, then starts it.
     *
     * @throws IllegalArgumentException if the kernel is missing or cannot be loaded
     */
    public static TargetHandle boot(TargetSpec spec) {
        Path kernel = spec.resolveKernel();
        VirtConfig config = VirtConfig.defaults().withGicVersion(spec.gic()).withCpus(spec.smp()).withRam(spec.memoryBytes()).withKernel(kernel);
        if (!spec.append().isEmpty()) {
            config = config.withAppend(spec.append());
        }
        Machine m;
        try {
            m = VirtMachine.create(config);
        } catch (LoadException e) {
            throw new IllegalArgumentException("cannot boot " + kernel + ": " + e.getMessage(), e);
        }
        TargetHandle t = new TargetHandle(spec, m);
        try {
            if (spec.gdb()) {
                t.gdbPort();
            }
            m.start();
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    public TargetSpec spec() { return spec; }

    public Uart uart() { return uart; }

    public VcpuProbe vcpu(int index) {
        if (index < 0 || index >= machine.cpuCount()) {
            throw new IllegalArgumentException("cpu " + index + " does not exist (0.." + (machine.cpuCount() - 1) + ")");
        }
        return new VcpuProbe(machine.vcpu(index), trace);
    }

    public Pmu pmu() { return pmu; }

    /** The engine's machine: pause, resume, reset, listeners. */
    public Machine machine() { return machine; }

    public PowerTrace powerTrace() { return trace; }

    /**
     * The loopback port of this target's GDB stub, started on first use, so a failing test can
     * be inspected with {@code gdb-multiarch -ex "target remote :PORT"}.
     */
    public synchronized int gdbPort() {
        if (closed) {
            throw new IllegalStateException("target is shut down");
        }
        if (gdb == null) {
            try {
                gdb = GdbServer.start(machine, InetAddress.getLoopbackAddress(), 0);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the GDB stub", e);
            }
        }
        return gdb.port();
    }

    /** Text for a failure report: the last UART lines and every vCPU's transitions. */
    public String report() {
        StringBuilder b = new StringBuilder();
        b.append("emu4e target: ").append(spec).append('\n');
        b.append("--- last UART lines ---\n");
        uart.lastLines(30).forEach(l -> b.append(l).append('\n'));
        b.append("--- vCPU states ---\n");
        for (int i = 0; i < machine.cpuCount(); i++) {
            var s = machine.vcpu(i).status();
            b.append(String.format("cpu%d %s pc=0x%x el=%d insns=%d%n", i, s.state(), s.pc(), s.el(), s.instructionCount()));
        }
        b.append("--- power trace ---\n").append(trace.format());
        return b.toString();
    }

    /** Shuts the machine and the GDB stub down; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (gdb != null) {
                gdb.close();
            }
        } finally {
            uart.detach();
            machine.removeStateListener(trace);
            machine.shutdown();
        }
    }
}
