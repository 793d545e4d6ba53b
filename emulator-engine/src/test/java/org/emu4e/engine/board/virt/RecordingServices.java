package org.emu4e.engine.board.virt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.emu4e.engine.cpu.a64.TlbInvalidation;
import org.emu4e.engine.runtime.RuntimeServices;

/**
 * Runtime services for board and device tests that run without the runtime: records every call
 * and keeps a simple power model (which CPUs are on, which halt lines are asserted).
 */
public final class RecordingServices implements RuntimeServices {
    public final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    public final boolean[] on;
    public final boolean[] halt;
    private ScheduledExecutorService timers;

    public RecordingServices(int cpus) {
        on = new boolean[cpus];
        halt = new boolean[cpus];
        on[0] = true;
    }

    @Override public void kick(int cpu) { calls.add("kick " + cpu); }

    @Override
    public int psciCpuOn(int target, long entry, long contextId) {
        calls.add(String.format("cpu_on %d 0x%x 0x%x", target, entry, contextId));
        if (on[target]) {
            return -4;
        }
        on[target] = true;
        return 0;
    }

    @Override
    public void psciCpuOff(int self) {
        calls.add("cpu_off " + self);
        on[self] = false;
    }

    @Override public int psciAffinityInfo(int target) { return on[target] ? 0 : 1; }

    @Override
    public void setPmuHalt(int cpu, boolean asserted) {
        calls.add("halt " + cpu + " " + asserted);
        halt[cpu] = asserted;
    }

    @Override public boolean pmuHaltAsserted(int cpu) { return halt[cpu]; }

    @Override public void systemOff() { calls.add("system_off"); }

    @Override public void systemReset() { calls.add("system_reset"); }

    @Override public void sendEvent() { calls.add("sev"); }

    @Override public void broadcastTlbi(int fromCpu, TlbInvalidation op) { calls.add("tlbi " + fromCpu); }

    @Override
    public synchronized ScheduledExecutorService timers() {
        if (timers == null) {
            timers = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "test-timers");
                t.setDaemon(true);
                return t;
            });
        }
        return timers;
    }
}
