package org.emu4e.core.preferences;

import org.emu4e.engine.api.RunState;

/**
 * emu4e's preference keys: permanent API. All live in the instance scope node {@link #QUALIFIER};
 * read them with {@code Platform.getPreferencesService().getXxx(QUALIFIER, key, DEFAULT_..., null)}
 * so that a missing UI (no preference page, no initializer) still gives the defaults here.
 */
public interface PreferenceKeys {

    /** Preference node of every key below. */
    String QUALIFIER = "org.emu4e.core";

    /** String: the GDB the debug launch starts when a configuration names none. */
    String GDB_BINARY = "gdbBinary";
    String DEFAULT_GDB_BINARY = "gdb-multiarch";

    /** int: lowest loopback port a launch picks for the GDB stub (0 with {@link #PORT_MAX} 0: any free port). */
    String PORT_MIN = "gdbPortMin";
    int DEFAULT_PORT_MIN = 0;

    /** int: highest port of that range (inclusive); 0 for any free port. */
    String PORT_MAX = "gdbPortMax";
    int DEFAULT_PORT_MAX = 0;

    /** int: run-state transitions the timeline keeps per vCPU (older ones are dropped and counted). */
    String TIMELINE_HISTORY = "timelineHistory";
    int DEFAULT_TIMELINE_HISTORY = 10_000;

    /** String "R,G,B": the colour of a run state in the vCPU State view; key = prefix + state name. */
    String COLOR_PREFIX = "color.";

    /** The colour key of {@code state}, e.g. {@code color.PMU_HALTED}. */
    static String colorKey(RunState state) {
        return COLOR_PREFIX + state.name();
    }

    /** Default colour of {@code state} as "R,G,B". */
    static String defaultColor(RunState state) {
        return switch (state) {
            case RUNNING -> "46,160,67";
            case WFI -> "90,150,220";
            case WFE -> "150,120,220";
            case PSCI_OFF -> "150,150,150";
            case PMU_HALTED -> "220,60,50";
            case DEBUG_STOPPED -> "235,160,20";
            case PAUSED -> "110,110,110";
        };
    }
}
