package org.emu4e.ui.internal.launch;

import static org.emu4e.core.launch.VirtLaunchConstants.*;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/** What the machine boots: kernel (ELF, arm64 Image or raw), initrd, command line, or a BIOS image. */
public class FirmwareTab extends AbstractLaunchConfigurationTab {
    /** Widget data keys, so UI tests find the fields. */
    public static final String KEY = "org.emu4e.ui.launch.field";

    private Text kernel;
    private Text initrd;
    private Text append;
    private Text bios;

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(3, false));
        kernel = field(c, "&Kernel (ELF, arm64 Image or raw):", ATTR_KERNEL, true);
        initrd = field(c, "&Initrd:", ATTR_INITRD, true);
        append = field(c, "Kernel command &line:", ATTR_APPEND, false);
        bios = field(c, "&BIOS (flash bank 0):", ATTR_BIOS, true);
        setControl(c);
    }

    private Text field(Composite c, String label, String key, boolean browse) {
        new Label(c, SWT.NONE).setText(label);
        Text t = new Text(c, SWT.BORDER | SWT.SINGLE);
        t.setData(KEY, key);
        t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, browse ? 1 : 2, 1));
        t.addModifyListener(e -> updateLaunchConfigurationDialog());
        if (browse) {
            Button b = new Button(c, SWT.PUSH);
            b.setText("Browse...");
            b.addListener(SWT.Selection, e -> {
                FileDialog d = new FileDialog(getShell(), SWT.OPEN);
                d.setFileName(t.getText());
                String chosen = d.open();
                if (chosen != null) {
                    t.setText(chosen);
                }
            });
        }
        return t;
    }

    @Override
    public String getName() {
        return "Firmware";
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(ATTR_KERNEL, DEFAULT_KERNEL);
        config.setAttribute(ATTR_INITRD, DEFAULT_INITRD);
        config.setAttribute(ATTR_APPEND, DEFAULT_APPEND);
        config.setAttribute(ATTR_BIOS, DEFAULT_BIOS);
    }

    @Override
    public void initializeFrom(ILaunchConfiguration config) {
        try {
            kernel.setText(config.getAttribute(ATTR_KERNEL, DEFAULT_KERNEL));
            initrd.setText(config.getAttribute(ATTR_INITRD, DEFAULT_INITRD));
            append.setText(config.getAttribute(ATTR_APPEND, DEFAULT_APPEND));
            bios.setText(config.getAttribute(ATTR_BIOS, DEFAULT_BIOS));
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(ATTR_KERNEL, kernel.getText().trim());
        config.setAttribute(ATTR_INITRD, initrd.getText().trim());
        config.setAttribute(ATTR_APPEND, append.getText());
        config.setAttribute(ATTR_BIOS, bios.getText().trim());
    }

    @Override
    public boolean isValid(ILaunchConfiguration config) {
        return LaunchTabs.validate(this, config);
    }

    void showProblem(String problem) {
        setErrorMessage(problem);
    }
}
