package org.emu4e.core.launch;

import java.time.Duration;
import java.util.Optional;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.IStatusHandler;
import org.emu4e.core.MachineRegistry;
import org.emu4e.core.RunningMachine;

/**
 * A configuration launched while its machine still runs: the user is asked (status handler
 * {@link VirtLaunchConstants#STATUS_ALREADY_RUNNING}, source = the configuration, answer a
 * Boolean: true terminates the running launch and goes on). Without a handler (headless) the
 * launch fails with a message saying what to do.
 */
public final class RunningConfigurations {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private RunningConfigurations() {
    }

    /** The running launch of {@code config}, if any. */
    public static Optional<ILaunch> running(ILaunchConfiguration config) {
        for (RunningMachine m : MachineRegistry.getDefault().machines()) {
            ILaunch l = m.launch();
            if (l != null && !l.isTerminated() && sameConfiguration(l.getLaunchConfiguration(), config)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** True if the launch may go on (nothing running, or the running one was terminated). */
    public static boolean confirmRelaunch(ILaunchConfiguration config) throws CoreException {
        Optional<ILaunch> running = running(config);
        if (running.isEmpty()) {
            return true;
        }
        IStatus question = new Status(IStatus.INFO, MachineSpec.PLUGIN_ID, VirtLaunchConstants.STATUS_ALREADY_RUNNING,
                "'" + config.getName() + "' is already running", null);
        IStatusHandler handler = DebugPlugin.getDefault().getStatusHandler(question);
        if (handler == null) {
            throw MachineSpec.error("'" + config.getName() + "' is already running: terminate it first "
                    + "(Debug view > Terminate) or launch a copy of the configuration", null);
        }
        if (!Boolean.TRUE.equals(handler.handleStatus(question, config))) {
            return false;
        }
        ILaunch old = running.get();
        old.terminate();
        for (RunningMachine m : MachineRegistry.getDefault().machines()) {
            if (m.launch() == old) {
                try {
                    m.machine().awaitShutdown(STOP_TIMEOUT);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean sameConfiguration(ILaunchConfiguration a, ILaunchConfiguration b) {
        if (a == null || b == null) {
            return false;
        }
        return original(a).equals(original(b));
    }

    private static ILaunchConfiguration original(ILaunchConfiguration c) {
        if (c instanceof org.eclipse.debug.core.ILaunchConfigurationWorkingCopy wc && wc.getOriginal() != null) {
            return wc.getOriginal();
        }
        return c;
    }
}
