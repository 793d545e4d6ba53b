package org.emu4e.launch;

import static org.emu4e.core.launch.VirtLaunchConstants.*;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.cdt.debug.gdbjtag.core.GDBJtagDSFLaunchConfigurationDelegate;
import org.eclipse.cdt.dsf.debug.service.IDsfDebugServicesFactory;
import org.eclipse.cdt.dsf.gdb.launching.GdbLaunch;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.variables.VariablesPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.ISourceLocator;
import org.emu4e.core.launch.LaunchLifecycle;
import org.emu4e.core.launch.LaunchedMachine;
import org.emu4e.core.launch.MachineLauncher;
import org.emu4e.core.launch.MachineSpec;
import org.emu4e.core.launch.RunningConfigurations;
import org.emu4e.launch.internal.SessionAttributes;
import org.emu4e.launch.internal.VirtDebugServicesFactory;
import org.emu4e.launch.internal.VirtGdbLaunch;

/**
 * Debug mode of "Emulated ARM Target (emu4e)", one launch as with a hardware probe: the machine
 * starts in this Eclipse with every vCPU halted and its stub on a loopback port (its UART is the
 * console of its process), then CDT's GDB Hardware Debugging sequence connects DSF-GDB to that
 * port, loads the symbols (not the image: the machine loaded it) and runs to {@code main}.
 * Only CDT's steps are reused; the port reaches them through {@link SessionAttributes}.
 */
public class VirtMachineDebugDelegate extends GDBJtagDSFLaunchConfigurationDelegate {
    static final String PLUGIN_ID = "org.emu4e.launch";

    @Override
    public boolean preLaunchCheck(ILaunchConfiguration config, String mode, IProgressMonitor monitor)
            throws CoreException {
        MachineSpec.from(config);
        programPath(config);
        checkGdb(config);
        if (!SessionAttributes.ensureRemoteSession(config)) {
            return false;
        }
        if (!RunningConfigurations.confirmRelaunch(config)) {
            return false;
        }
        return super.preLaunchCheck(config, mode, monitor);
    }

    @Override
    public boolean buildForLaunch(ILaunchConfiguration configuration, String mode, IProgressMonitor monitor) {
        return false;
    }

    @Override
    protected GdbLaunch createGdbLaunch(ILaunchConfiguration config, String mode, ISourceLocator locator)
            throws CoreException {
        return new VirtGdbLaunch(config, mode, locator);
    }

    @Override
    protected IDsfDebugServicesFactory newServiceFactory(ILaunchConfiguration config, String version) {
        return new VirtDebugServicesFactory(version, config);
    }

    @Override
    protected IPath checkBinaryDetails(ILaunchConfiguration config) throws CoreException {
        return IPath.fromOSString(programPath(config).toString());
    }

    @Override
    public void launch(ILaunchConfiguration config, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        SubMonitor sm = SubMonitor.convert(monitor, "Debugging " + config.getName(), 10);
        MachineSpec spec = MachineSpec.from(config);
        LaunchedMachine machine = MachineLauncher.start(spec, launch, config.getName(), true, sm.split(3));
        if (machine == null || sm.isCanceled()) {
            if (machine != null) {
                machine.stop();
            }
            sm.setCanceled(true);
            return;
        }
        boolean ok = false;
        try {
            ((GdbLaunch) launch).setProgramPath(programPath(config).toString());
            sm.subTask("Starting GDB and connecting to 127.0.0.1:" + machine.gdbPort());
            super.launch(config, mode, launch, sm.split(7));
            ok = !sm.isCanceled();
        } finally {
            if (ok) {
                LaunchLifecycle.bind(launch, machine);
            } else {
                machine.stop();
            }
        }
    }

    /** The symbols file: CDT's program name, else the kernel; it must exist. */
    static Path programPath(ILaunchConfiguration config) throws CoreException {
        String program = config.getAttribute(ATTR_PROGRAM_NAME, DEFAULT_PROGRAM_NAME);
        String label = "Program (symbols)";
        if (program.isBlank()) {
            program = config.getAttribute(ATTR_KERNEL, DEFAULT_KERNEL);
            label = "Kernel";
        }
        program = VariablesPlugin.getDefault().getStringVariableManager().performStringSubstitution(program);
        if (program.isBlank()) {
            throw error("No symbols for the debugger: set a Kernel ELF on the Firmware tab or a Program on the Debugger tab");
        }
        Path p = Path.of(program);
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw error(label + " file " + program + " does not exist or is not readable: choose the firmware ELF");
        }
        return p.toAbsolutePath();
    }

    /** GDB must be runnable before anything starts. */
    static void checkGdb(ILaunchConfiguration config) throws CoreException {
        String gdb = VariablesPlugin.getDefault().getStringVariableManager()
                .performStringSubstitution(config.getAttribute(ATTR_DEBUG_NAME, DEFAULT_DEBUG_NAME));
        if (gdb.isBlank()) {
            throw error("No GDB set: enter gdb-multiarch (or another GDB for AArch64) on the Debugger tab");
        }
        if (gdb.contains(File.separator)) {
            if (Files.isExecutable(Path.of(gdb))) {
                return;
            }
        } else {
            String path = System.getenv("PATH");
            for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, gdb))) {
                    return;
                }
            }
        }
        throw error("GDB '" + gdb + "' was not found: install gdb-multiarch (Debian/Ubuntu: apt install gdb-multiarch) "
                + "or set the GDB path on the Debugger tab");
    }

    static CoreException error(String message) {
        return new CoreException(new Status(IStatus.ERROR, PLUGIN_ID, message));
    }
}
