package org.emu4e.core.internal.launch;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IStreamsProxy;
import org.emu4e.core.launch.VirtLaunchConstants;
import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.MachineState;
import org.emu4e.engine.gdbstub.GdbServer;

/**
 * An engine machine as a process of a launch: Terminate shuts it down, its console is the UART
 * (with input), its exit value is the machine's exit code (0 after a clean guest power-off).
 * When the machine stops, for whatever reason, the GDB stub is closed (its port is free) and a
 * line with the exit status is written to the console.
 */
public final class MachineProcess implements IProcess {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final ILaunch launch;
    private final String label;
    private final Machine machine;
    private final GdbServer stub;
    private final UartStreamsProxy streams;
    private final Map<String, String> attributes = new HashMap<>();
    private final AtomicBoolean terminated = new AtomicBoolean();
    private final Consumer<MachineState> lifecycle = this::machineStateChanged;

    public MachineProcess(ILaunch launch, String name, Machine machine, GdbServer stub) {
        this.launch = launch;
        this.machine = machine;
        this.stub = stub;
        this.label = name + " [emu4e virt, " + machine.cpuCount() + " vCPUs, gdb 127.0.0.1:" + stub.port() + "]";
        this.streams = new UartStreamsProxy(machine.console());
        attributes.put(ATTR_PROCESS_TYPE, VirtLaunchConstants.PROCESS_TYPE);
        attributes.put(ATTR_PROCESS_LABEL, label);
        machine.addMachineStateListener(lifecycle);
        launch.addProcess(this);
        fire(DebugEvent.CREATE);
        if (machine.machineState() == MachineState.SHUTDOWN) {
            machineStateChanged(MachineState.SHUTDOWN);
        }
    }

    public Machine machine() {
        return machine;
    }

    private void machineStateChanged(MachineState state) {
        if (state == MachineState.SHUTDOWN) {
            // Often on a vCPU thread (guest SYSTEM_OFF): finish on a thread of our own.
            Thread t = new Thread(this::finish, "emu4e-machine-stopped");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Closes the stub and reports the end, once; returns when that is done (on any thread). */
    private synchronized void finish() {
        if (terminated.get()) {
            return;
        }
        machine.removeMachineStateListener(lifecycle);
        stub.close();
        int code = machine.exitCode();
        streams.output().append("\n[emu4e] machine stopped, exit status " + code
                + (code == 0 ? " (guest powered off)" : "") + "\n");
        streams.close();
        terminated.set(true);
        fire(DebugEvent.TERMINATE);
    }

    /** Shuts the machine down and waits for the stub to close; never throws. */
    public void terminateQuietly() {
        machine.shutdown();
        try {
            machine.awaitShutdown(STOP_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finish();
    }

    @Override
    public boolean canTerminate() {
        return !terminated.get();
    }

    @Override
    public boolean isTerminated() {
        return terminated.get();
    }

    @Override
    public void terminate() throws DebugException {
        terminateQuietly();
    }

    @Override
    public String getLabel() {
        return label;
    }

    @Override
    public ILaunch getLaunch() {
        return launch;
    }

    @Override
    public IStreamsProxy getStreamsProxy() {
        return streams;
    }

    @Override
    public void setAttribute(String key, String value) {
        synchronized (attributes) {
            attributes.put(key, value);
        }
        fire(DebugEvent.CHANGE);
    }

    @Override
    public String getAttribute(String key) {
        synchronized (attributes) {
            return attributes.get(key);
        }
    }

    @Override
    public int getExitValue() throws DebugException {
        if (!terminated.get()) {
            throw new DebugException(new Status(IStatus.ERROR, "org.emu4e.core", DebugException.TARGET_REQUEST_FAILED,
                    "the machine is still running", null));
        }
        return machine.exitCode();
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter.isInstance(machine)) {
            return adapter.cast(machine);
        }
        if (adapter == ILaunch.class) {
            return adapter.cast(launch);
        }
        return null;
    }

    private void fire(int kind) {
        DebugPlugin plugin = DebugPlugin.getDefault();
        if (plugin != null) {
            plugin.fireDebugEventSet(new DebugEvent[] { new DebugEvent(this, kind) });
        }
    }
}
