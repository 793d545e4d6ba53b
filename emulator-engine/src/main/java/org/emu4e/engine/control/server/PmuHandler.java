package org.emu4e.engine.control.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.emu4e.engine.api.PowerControl;
import org.emu4e.engine.api.RunState;
import org.emu4e.engine.control.protocol.CpuParams;
import org.emu4e.engine.control.protocol.PmuCpuState;
import org.emu4e.engine.control.protocol.PmuService;
import org.emu4e.engine.control.protocol.PmuStatus;

/**
 * {@code pmu/*}: halt and resume go through {@link PowerControl}, whose futures complete on
 * the target vCPU once the change has happened there; the reply waits for that.
 */
final class PmuHandler implements PmuService {
    private final ControlSession session;

    PmuHandler(ControlSession session) {
        this.session = session;
    }

    @Override
    public CompletableFuture<PmuCpuState> halt(CpuParams params) {
        int cpu = session.cpu(params == null ? null : params.cpu(), "pmu/halt");
        return session.whenDone(() -> session.machine.pmu().halt(cpu), session.server.changeTimeout(),
                "pmu/halt cpu " + cpu).thenApply(state -> state(cpu, state));
    }

    @Override
    public CompletableFuture<PmuCpuState> resume(CpuParams params) {
        int cpu = session.cpu(params == null ? null : params.cpu(), "pmu/resume");
        return session.whenDone(() -> session.machine.pmu().resume(cpu), session.server.changeTimeout(),
                "pmu/resume cpu " + cpu).thenApply(state -> state(cpu, state));
    }

    @Override
    public CompletableFuture<PmuStatus> status() {
        List<PmuCpuState> out = new ArrayList<>();
        for (int i = 0; i < session.machine.cpuCount(); i++) {
            out.add(state(i, session.machine.vcpu(i).state()));
        }
        return CompletableFuture.completedFuture(new PmuStatus(out));
    }

    private PmuCpuState state(int cpu, RunState state) {
        return new PmuCpuState(cpu, state.name(), session.machine.pmu().isHaltAsserted(cpu));
    }
}
