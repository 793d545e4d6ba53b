package org.emu4e.engine.runtime;

import org.emu4e.engine.api.RunState;

/**
 * The independent reasons a vCPU is not running guest code. Each flag is owned by the vCPU's
 * thread (the owner check lives in {@link VcpuThread}); the reported state is the strongest
 * flag in the order of {@link RunState}'s javadoc, and weaker flags survive a stronger one.
 */
final class RunReasons {
    boolean paused;
    boolean debugStopped;
    boolean pmuHalted;
    boolean psciOff;
    boolean inWfi;
    boolean inWfe;

    RunState effective() {
        if (paused) {
            return RunState.PAUSED;
        }
        if (debugStopped) {
            return RunState.DEBUG_STOPPED;
        }
        if (pmuHalted) {
            return RunState.PMU_HALTED;
        }
        if (psciOff) {
            return RunState.PSCI_OFF;
        }
        if (inWfi) {
            return RunState.WFI;
        }
        if (inWfe) {
            return RunState.WFE;
        }
        return RunState.RUNNING;
    }

    @Override
    public String toString() {
        return "paused=" + paused + " debug=" + debugStopped + " pmu=" + pmuHalted + " psciOff=" + psciOff
                + " wfi=" + inWfi + " wfe=" + inWfe;
    }
}
