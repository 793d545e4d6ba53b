package org.emu4e.engine.control.server;

import java.util.concurrent.CompletableFuture;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.MachineState;
import org.emu4e.engine.control.protocol.ControlErrors;
import org.emu4e.engine.control.protocol.MachineService;
import org.emu4e.engine.control.protocol.MachineStatus;

/** {@code machine/*}: the blocking life-cycle calls run on the server's machine thread. */
final class MachineHandler implements MachineService {
    private final ControlSession session;
    private final Machine machine;

    MachineHandler(ControlSession session) {
        this.session = session;
        this.machine = session.machine;
    }

    MachineStatus snapshot() {
        int exit = machine.machineState() == MachineState.SHUTDOWN ? machine.exitCode() : 0;
        return new MachineStatus(machine.machineState().name(), machine.cpuCount(), exit);
    }

    @Override
    public CompletableFuture<MachineStatus> status() {
        return CompletableFuture.completedFuture(snapshot());
    }

    @Override
    public CompletableFuture<MachineStatus> pause() {
        requireAlive("machine/pause");
        return session.onMachineThread(() -> {
            machine.pause();
            return snapshot();
        }, session.server.lifecycleTimeout(), "machine/pause");
    }

    @Override
    public CompletableFuture<MachineStatus> resume() {
        requireAlive("machine/continue");
        return session.onMachineThread(() -> {
            machine.resume();
            return snapshot();
        }, session.server.lifecycleTimeout(), "machine/continue");
    }

    @Override
    public CompletableFuture<MachineStatus> reset() {
        requireAlive("machine/reset");
        return session.onMachineThread(() -> {
            machine.reset();
            return snapshot();
        }, session.server.lifecycleTimeout(), "machine/reset");
    }

    @Override
    public CompletableFuture<MachineStatus> shutdown() {
        return session.onMachineThread(() -> {
            machine.shutdown();
            return snapshot();
        }, session.server.lifecycleTimeout(), "machine/shutdown");
    }

    private void requireAlive(String method) {
        if (machine.machineState() == MachineState.SHUTDOWN) {
            throw ControlErrors.error(ControlErrors.MACHINE_STATE, method + ": the machine has shut down");
        }
    }
}
