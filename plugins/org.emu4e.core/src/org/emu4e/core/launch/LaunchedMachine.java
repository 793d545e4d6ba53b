package org.emu4e.core.launch;

import org.eclipse.debug.core.model.IProcess;
import org.emu4e.core.internal.launch.MachineProcess;
import org.emu4e.engine.api.Machine;
import org.emu4e.engine.gdbstub.GdbServer;

/** A machine started by {@link MachineLauncher}: the engine machine, its stub and its process. */
public final class LaunchedMachine {
    private final Machine machine;
    private final GdbServer stub;
    private final MachineProcess process;

    LaunchedMachine(Machine machine, GdbServer stub, MachineProcess process) {
        this.machine = machine;
        this.stub = stub;
        this.process = process;
    }

    public Machine machine() {
        return machine;
    }

    /** The loopback port the GDB stub listens on. */
    public int gdbPort() {
        return stub.port();
    }

    /** The machine's process in the launch (console = UART). */
    public IProcess process() {
        return process;
    }

    /** Stops the machine and closes the stub (the port is free afterwards); idempotent. */
    public void stop() {
        process.terminateQuietly();
    }

    static void stopQuietly(Machine machine, GdbServer stub) {
        if (stub != null) {
            stub.close();
        }
        if (machine != null) {
            machine.shutdown();
        }
    }
}
