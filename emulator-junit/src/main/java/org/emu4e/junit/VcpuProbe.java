package org.emu4e.junit;

import java.time.Duration;

import org.emu4e.engine.api.RunState;
import org.emu4e.engine.api.Vcpu;
import org.emu4e.engine.api.VcpuStatus;

/** One vCPU of a target, for assertions on its run state. */
public final class VcpuProbe {
    private final Vcpu vcpu;
    private final PowerTrace trace;

    VcpuProbe(Vcpu vcpu, PowerTrace trace) {
        this.vcpu = vcpu;
        this.trace = trace;
    }

    public RunState state() { return vcpu.state(); }

    public VcpuStatus status() { return vcpu.status(); }

    /**
     * Waits until the vCPU reports {@code state} (and every listener, the power trace included,
     * has heard of it).
     *
     * @throws AssertionError with the vCPU's transitions when the timeout passes
     */
    public VcpuProbe awaitState(RunState state, Duration timeout) {
        try {
            if (!vcpu.awaitState(state, timeout)) {
                throw new AssertionError("cpu" + vcpu.index() + " did not reach " + state + " within " + timeout
                        + " (now " + vcpu.state() + "); its transitions: " + trace.statesOf(vcpu.index()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for cpu" + vcpu.index() + " to reach " + state, e);
        }
        return this;
    }
}
