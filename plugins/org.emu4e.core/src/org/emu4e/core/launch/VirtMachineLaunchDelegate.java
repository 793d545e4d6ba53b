package org.emu4e.core.launch;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.LaunchConfigurationDelegate;

/**
 * Run mode of "Emulated ARM Target (emu4e)": the machine and its UART console, no debugger.
 * Needs no CDT. The configuration is checked before anything starts.
 */
public class VirtMachineLaunchDelegate extends LaunchConfigurationDelegate {

    @Override
    public boolean buildForLaunch(ILaunchConfiguration configuration, String mode, IProgressMonitor monitor) {
        return false;
    }

    @Override
    public boolean preLaunchCheck(ILaunchConfiguration configuration, String mode, IProgressMonitor monitor)
            throws CoreException {
        MachineSpec.from(configuration);
        return RunningConfigurations.confirmRelaunch(configuration);
    }

    @Override
    public void launch(ILaunchConfiguration configuration, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        MachineSpec spec = MachineSpec.from(configuration);
        LaunchedMachine m = MachineLauncher.start(spec, launch, configuration.getName(), false, monitor);
        if (m != null) {
            LaunchLifecycle.bind(launch, m);
        }
    }
}
