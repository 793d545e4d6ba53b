package org.emu4e.engine.runtime;

/**
 * The power-related run-state changes of one vCPU: machine pause, the PMU halt line, PSCI
 * CPU_OFF/CPU_ON and the vCPU's part of a system reset. Every method runs on the vCPU's own
 * thread (as work or from the HVC/SMC handler) and checks so.
 */
final class VcpuPower {
    private final VcpuThread v;

    VcpuPower(VcpuThread v) {
        this.v = v;
    }

    void setPaused(boolean p) {
        v.owner();
        if (v.reasons().paused != p) {
            v.reasons().paused = p;
            v.setCause(p ? "pause" : "continue");
        }
    }

    /** Applies the PMU halt line as it is now (racing halt/resume converge on the last level). */
    void applyPmuLine() {
        v.owner();
        boolean level = v.machine.pmuLine(v.index());
        if (v.reasons().pmuHalted != level) {
            v.reasons().pmuHalted = level;
            v.setCause(level ? "pmu halt" : "pmu resume");
        }
    }

    /** PSCI CPU_OFF of this CPU; {@code generation} guards against work from before a reset. */
    void psciOff(int generation) {
        v.owner();
        if (v.reasons().psciOff || generation != v.machine.power().generation(v.index())) {
            return;
        }
        v.reasons().psciOff = true;
        v.reasons().inWfi = false;
        v.reasons().inWfe = false;
        v.setCause("psci cpu_off");
        v.machine.power().off(v.index());
        v.requestExit(); // leave guest code right after the HVC/SMC
    }

    /** PSCI CPU_ON's start, as work on the target: reset, then EL1h at entry, MMU off (DEN0022 5.1.4). */
    void psciStart(long entry, long contextId, int generation) {
        v.owner();
        if (!v.machine.power().started(v.index(), generation)) {
            return;
        }
        v.machine.board().resetCpu(v.index(), v.cpu());
        var s = v.cpu().state();
        s.pc = entry;
        s.nextPc = entry;
        s.setX(0, contextId);
        s.el = 1;
        s.spsel = 1;
        s.daif = 0xF;
        v.cpu().sys().sctlr[1] &= ~1L;
        v.cpu().skipBreakpointOnce = false;
        v.reasons().psciOff = false;
        v.reasons().inWfi = false;
        v.reasons().inWfe = false;
        v.setCause("psci cpu_on");
    }

    /** This vCPU's part of a system reset: boot state again (host-held reasons are kept). */
    void resetForBoot() {
        v.owner();
        v.machine.board().resetCpu(v.index(), v.cpu());
        v.cpu().skipBreakpointOnce = false;
        v.clearEventPending();
        v.reasons().psciOff = !v.machine.board().startsPoweredOn(v.index());
        v.reasons().inWfi = false;
        v.reasons().inWfe = false;
        v.debug.cancelStep();
        v.setCause("system reset");
    }
}
