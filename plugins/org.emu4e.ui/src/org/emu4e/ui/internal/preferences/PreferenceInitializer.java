package org.emu4e.ui.internal.preferences;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.emu4e.core.preferences.PreferenceKeys;
import org.emu4e.engine.api.RunState;

/** Puts the defaults of {@link PreferenceKeys} into the default scope (for the preference page). */
public final class PreferenceInitializer extends AbstractPreferenceInitializer {
    @Override
    public void initializeDefaultPreferences() {
        IEclipsePreferences d = DefaultScope.INSTANCE.getNode(PreferenceKeys.QUALIFIER);
        d.put(PreferenceKeys.GDB_BINARY, PreferenceKeys.DEFAULT_GDB_BINARY);
        d.putInt(PreferenceKeys.PORT_MIN, PreferenceKeys.DEFAULT_PORT_MIN);
        d.putInt(PreferenceKeys.PORT_MAX, PreferenceKeys.DEFAULT_PORT_MAX);
        d.putInt(PreferenceKeys.TIMELINE_HISTORY, PreferenceKeys.DEFAULT_TIMELINE_HISTORY);
        for (RunState s : RunState.values()) {
            d.put(PreferenceKeys.colorKey(s), PreferenceKeys.defaultColor(s));
        }
    }
}
