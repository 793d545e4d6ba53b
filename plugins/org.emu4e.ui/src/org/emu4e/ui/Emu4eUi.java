package org.emu4e.ui;

/** Ids other bundles and tests may use. */
public final class Emu4eUi {
    public static final String PLUGIN_ID = "org.emu4e.ui";

    /** The vCPU State view: the vCPUs of one registered machine and their run-state timeline. */
    public static final String VCPU_STATE_VIEW_ID = "org.emu4e.ui.views.vcpuState";

    /** Commands (ids are API: key bindings and other bundles' menus refer to them). */
    public static final String CMD_PMU_HALT = "org.emu4e.ui.commands.pmuHalt";
    public static final String CMD_PMU_RESUME = "org.emu4e.ui.commands.pmuResume";
    public static final String CMD_HALT_ALL_OTHERS = "org.emu4e.ui.commands.haltAllOthers";
    public static final String CMD_RESUME_ALL = "org.emu4e.ui.commands.resumeAll";
    public static final String CMD_PAUSE_MACHINE = "org.emu4e.ui.commands.pauseMachine";

    /** Window > Preferences > emu4e. */
    public static final String PREFERENCE_PAGE_ID = "org.emu4e.ui.preferences";

    private Emu4eUi() {
    }
}
