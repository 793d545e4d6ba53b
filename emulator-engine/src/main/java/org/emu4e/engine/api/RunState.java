package org.emu4e.engine.api;

/**
 * Why a vCPU is or is not executing guest code. When several reasons hold at once (a core
 * the PMU halted while it was in WFI) the state reported is the strongest one, in the order
 * PAUSED, DEBUG_STOPPED, PMU_HALTED, PSCI_OFF, WFI/WFE, RUNNING; the weaker ones are kept and
 * come back when the stronger one is lifted (a PMU-resumed core is still in WFI).
 */
public enum RunState {
    RUNNING("running"),
    WFI("WFI"),
    WFE("WFE"),
    PSCI_OFF("PSCI off"),
    PMU_HALTED("PMU halted"),
    DEBUG_STOPPED("debug stopped"),
    PAUSED("paused");

    private final String label;

    RunState(String label) {
        this.label = label;
    }

    /** Human label as GDB thread names and the IDE show it, e.g. "PMU halted". */
    public String label() { return label; }

    /** True for every state in which the vCPU executes no guest instructions. */
    public boolean isHalted() { return this != RUNNING; }
}
