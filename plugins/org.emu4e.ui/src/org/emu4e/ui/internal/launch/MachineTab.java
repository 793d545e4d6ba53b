package org.emu4e.ui.internal.launch;

import static org.emu4e.core.launch.VirtLaunchConstants.*;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

/** The board: cores (1 to 64), memory, GIC version and the GDB stub's port. */
public class MachineTab extends AbstractLaunchConfigurationTab {
    private Spinner cores;
    private Text memory;
    private Combo gic;
    private Spinner port;

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        cores = spinner(c, "&Cores:", 1, 64, ATTR_SMP);
        new Label(c, SWT.NONE).setText("&Memory (e.g. 256M, 1G):");
        memory = new Text(c, SWT.BORDER | SWT.SINGLE);
        memory.setData(FirmwareTab.KEY, ATTR_MEMORY);
        memory.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        memory.addModifyListener(e -> updateLaunchConfigurationDialog());
        new Label(c, SWT.NONE).setText("&GIC version:");
        gic = new Combo(c, SWT.READ_ONLY);
        gic.setItems("2 (up to 8 cores)", "3 (up to 64 cores)");
        gic.setData(FirmwareTab.KEY, ATTR_GIC_VERSION);
        gic.addListener(SWT.Selection, e -> updateLaunchConfigurationDialog());
        port = spinner(c, "GDB &port (0 = any free port):", 0, 65535, ATTR_GDB_PORT);
        setControl(c);
    }

    private Spinner spinner(Composite c, String label, int min, int max, String key) {
        new Label(c, SWT.NONE).setText(label);
        Spinner s = new Spinner(c, SWT.BORDER);
        s.setValues(min, min, max, 0, 1, 10);
        s.setData(FirmwareTab.KEY, key);
        s.addModifyListener(e -> updateLaunchConfigurationDialog());
        return s;
    }

    @Override
    public String getName() {
        return "Machine";
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(ATTR_SMP, DEFAULT_SMP);
        config.setAttribute(ATTR_MEMORY, DEFAULT_MEMORY);
        config.setAttribute(ATTR_GIC_VERSION, DEFAULT_GIC_VERSION);
        config.setAttribute(ATTR_GDB_PORT, DEFAULT_GDB_PORT);
    }

    @Override
    public void initializeFrom(ILaunchConfiguration config) {
        try {
            cores.setSelection(config.getAttribute(ATTR_SMP, DEFAULT_SMP));
            memory.setText(config.getAttribute(ATTR_MEMORY, DEFAULT_MEMORY));
            gic.select(config.getAttribute(ATTR_GIC_VERSION, DEFAULT_GIC_VERSION) == 3 ? 1 : 0);
            port.setSelection(config.getAttribute(ATTR_GDB_PORT, DEFAULT_GDB_PORT));
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(ATTR_SMP, cores.getSelection());
        config.setAttribute(ATTR_MEMORY, memory.getText().trim());
        config.setAttribute(ATTR_GIC_VERSION, gic.getSelectionIndex() == 1 ? 3 : 2);
        config.setAttribute(ATTR_GDB_PORT, port.getSelection());
    }

    @Override
    public boolean isValid(ILaunchConfiguration config) {
        return LaunchTabs.validate(this, config);
    }

    void showProblem(String problem) {
        setErrorMessage(problem);
    }
}
