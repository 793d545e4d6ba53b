package org.emu4e.ui.internal.style;

import java.util.EnumMap;
import java.util.Map;

import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.resource.StringConverter;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;
import org.emu4e.core.preferences.PreferenceKeys;
import org.emu4e.engine.api.RunState;

/**
 * Colour and icon of each run state, read from the preferences. Owned by one view and disposed
 * with it; {@link #reload()} after the colour preferences change. UI thread only.
 */
public final class StateStyles {

    private final Display display;
    private final Map<RunState, Color> colors = new EnumMap<>(RunState.class);
    private final Map<RunState, Image> icons = new EnumMap<>(RunState.class);

    public StateStyles(Display display) {
        this.display = display;
        reload();
    }

    /** The colour of {@code state}. */
    public Color color(RunState state) {
        return colors.get(state);
    }

    /** A 12x12 icon whose shape tells the state apart also without colour. */
    public Image icon(RunState state) {
        return icons.get(state);
    }

    /** Re-reads the colour preferences and redraws the icons. */
    public void reload() {
        disposeIcons();
        for (RunState s : RunState.values()) {
            colors.put(s, new Color(rgb(s)));
            icons.put(s, StateIcons.draw(display, s, colors.get(s)));
        }
    }

    public void dispose() {
        disposeIcons();
    }

    /** The preference colour of {@code state} (the default when unset or unreadable). */
    public static RGB rgb(RunState state) {
        String value = Platform.getPreferencesService().getString(PreferenceKeys.QUALIFIER,
                PreferenceKeys.colorKey(state), PreferenceKeys.defaultColor(state), null);
        RGB rgb = StringConverter.asRGB(value, null);
        return rgb != null ? rgb : StringConverter.asRGB(PreferenceKeys.defaultColor(state));
    }

    private void disposeIcons() {
        icons.values().forEach(Image::dispose);
        icons.clear();
    }
}
