package org.emu4e.ui.internal.preferences;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.ColorFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.emu4e.core.preferences.PreferenceKeys;
import org.emu4e.engine.api.RunState;

/**
 * Window > Preferences > emu4e: the debugger the launch starts by default, the GDB stub's port
 * range, how much run-state history the timeline keeps, and the state colours.
 */
public final class Emu4ePreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public Emu4ePreferencePage() {
        super(GRID);
        setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, PreferenceKeys.QUALIFIER));
        setDescription("Defaults for emulated launches and the vCPU State view.");
    }

    @Override
    public void init(IWorkbench workbench) {
    }

    @Override
    protected void createFieldEditors() {
        addField(new StringFieldEditor(PreferenceKeys.GDB_BINARY, "Default &GDB binary:", getFieldEditorParent()));
        addField(port(PreferenceKeys.PORT_MIN, "GDB stub port range, &from (0 = any free port):"));
        addField(port(PreferenceKeys.PORT_MAX, "GDB stub port range, &to (0 = any free port):"));
        IntegerFieldEditor history = new IntegerFieldEditor(PreferenceKeys.TIMELINE_HISTORY,
                "Timeline &history (transitions kept per vCPU):", getFieldEditorParent());
        history.setValidRange(100, 10_000_000);
        addField(history);
        for (RunState s : RunState.values()) {
            addField(new ColorFieldEditor(PreferenceKeys.colorKey(s), "Colour of \"" + s.label() + "\":",
                    getFieldEditorParent()));
        }
    }

    private IntegerFieldEditor port(String key, String label) {
        IntegerFieldEditor e = new IntegerFieldEditor(key, label, getFieldEditorParent());
        e.setValidRange(0, 65535);
        return e;
    }

    @Override
    public boolean performOk() {
        boolean ok = super.performOk();
        int min = getPreferenceStore().getInt(PreferenceKeys.PORT_MIN);
        int max = getPreferenceStore().getInt(PreferenceKeys.PORT_MAX);
        if (max != 0 && max < min) {
            setErrorMessage("The port range ends below its start: set 'to' >= 'from', or both to 0");
            return false;
        }
        return ok;
    }
}
