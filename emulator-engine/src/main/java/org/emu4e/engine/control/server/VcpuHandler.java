package org.emu4e.engine.control.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.emu4e.engine.api.RunState;
import org.emu4e.engine.api.Vcpu;
import org.emu4e.engine.api.VcpuStatus;
import org.emu4e.engine.control.protocol.StateTime;
import org.emu4e.engine.control.protocol.VcpuInfo;
import org.emu4e.engine.control.protocol.VcpuList;
import org.emu4e.engine.control.protocol.VcpuService;

/** {@code vcpu/list}: snapshots only, answered on the dispatch thread without waiting. */
final class VcpuHandler implements VcpuService {
    private final ControlSession session;

    VcpuHandler(ControlSession session) {
        this.session = session;
    }

    @Override
    public CompletableFuture<VcpuList> list() {
        List<VcpuInfo> out = new ArrayList<>();
        for (Vcpu v : session.machine.vcpus()) {
            out.add(info(v.status()));
        }
        return CompletableFuture.completedFuture(new VcpuList(out));
    }

    static VcpuInfo info(VcpuStatus s) {
        Map<String, StateTime> in = new LinkedHashMap<>();
        for (RunState r : RunState.values()) {
            long nanos = s.nanosInState() == null ? 0 : s.nanosInState().getOrDefault(r, 0L);
            long insns = s.instructionsInState() == null ? 0 : s.instructionsInState().getOrDefault(r, 0L);
            if (nanos != 0 || insns != 0 || r == s.state()) {
                in.put(r.name(), new StateTime(nanos, insns));
            }
        }
        return new VcpuInfo(s.index(), hex(s.mpidr()), s.state().name(), hex(s.pc()), s.el(), s.instructionCount(), in);
    }

    static String hex(long v) {
        return String.format("0x%016x", v);
    }
}
