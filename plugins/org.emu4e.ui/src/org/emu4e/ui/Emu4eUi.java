package org.emu4e.ui;

/** Ids other bundles and tests may use. */
public final class Emu4eUi {
    public static final String PLUGIN_ID = "org.emu4e.ui";

    /** The vCPU State view: one row per vCPU of every machine in the MachineRegistry. */
    public static final String VCPU_STATE_VIEW_ID = "org.emu4e.ui.views.vcpuState";

    private Emu4eUi() {
    }
}
