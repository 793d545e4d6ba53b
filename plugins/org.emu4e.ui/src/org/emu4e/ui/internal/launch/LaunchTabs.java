package org.emu4e.ui.internal.launch;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTabGroup;
import org.eclipse.debug.ui.CommonTab;
import org.eclipse.debug.ui.ILaunchConfigurationDialog;
import org.eclipse.debug.ui.ILaunchConfigurationTab;
import org.emu4e.core.launch.MachineSpec;

/**
 * The tabs of "Emulated ARM Target (emu4e)" in run mode: Firmware, Machine, Common. Every tab
 * shows the configuration's first problem (the same check the launch makes).
 */
public class LaunchTabs extends AbstractLaunchConfigurationTabGroup {

    @Override
    public void createTabs(ILaunchConfigurationDialog dialog, String mode) {
        setTabs(new ILaunchConfigurationTab[] { new FirmwareTab(), new MachineTab(), new CommonTab() });
    }

    /** Sets the tab's error message to the configuration's first problem; true if there is none. */
    static boolean validate(AbstractLaunchConfigurationTab tab, ILaunchConfiguration config) {
        String problem;
        try {
            problem = MachineSpec.problem(config);
        } catch (CoreException e) {
            problem = e.getMessage();
        }
        if (tab instanceof FirmwareTab f) {
            f.showProblem(problem);
        } else if (tab instanceof MachineTab m) {
            m.showProblem(problem);
        }
        return problem == null;
    }
}
