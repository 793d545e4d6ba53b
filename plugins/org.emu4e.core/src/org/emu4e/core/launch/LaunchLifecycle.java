package org.emu4e.core.launch;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchesListener2;
import org.eclipse.debug.core.model.IProcess;

/**
 * Ties a launch and its machine together for their whole life: when the machine stops (guest
 * power-off, Terminate on its process) the rest of the launch (a GDB session) is terminated;
 * when any other process of the launch ends (GDB exits, crashes or is terminated) or the launch
 * is removed, the machine is stopped and its port released.
 */
public final class LaunchLifecycle implements IDebugEventSetListener, ILaunchesListener2 {
    /** Job family of the jobs that end launches, so tests can join them. */
    public static final Object FAMILY = LaunchLifecycle.class;

    private final ILaunch launch;
    private final LaunchedMachine machine;

    private LaunchLifecycle(ILaunch launch, LaunchedMachine machine) {
        this.launch = launch;
        this.machine = machine;
    }

    /** Starts watching; stops by itself when the launch is terminated or removed. */
    public static void bind(ILaunch launch, LaunchedMachine machine) {
        LaunchLifecycle l = new LaunchLifecycle(launch, machine);
        DebugPlugin.getDefault().addDebugEventListener(l);
        DebugPlugin.getDefault().getLaunchManager().addLaunchListener(l);
        if (machine.process().isTerminated()) {
            l.machineStopped();
        }
    }

    @Override
    public void handleDebugEvents(DebugEvent[] events) {
        for (DebugEvent e : events) {
            if (e.getKind() != DebugEvent.TERMINATE || !(e.getSource() instanceof IProcess p) || p.getLaunch() != launch) {
                continue;
            }
            if (p == machine.process()) {
                machineStopped();
            } else {
                machine.stop();
            }
        }
    }

    private void machineStopped() {
        if (launch.isTerminated()) {
            dispose();
            return;
        }
        Job end = new Job("Ending " + launch.getLaunchConfiguration().getName()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    if (launch.canTerminate()) {
                        launch.terminate();
                    }
                } catch (DebugException e) {
                    return new Status(IStatus.WARNING, MachineSpec.PLUGIN_ID, "Could not end the debug session", e);
                }
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        end.setSystem(true);
        end.schedule();
    }

    @Override
    public void launchesTerminated(ILaunch[] launches) {
        for (ILaunch l : launches) {
            if (l == launch) {
                machine.stop();
                dispose();
            }
        }
    }

    @Override
    public void launchesRemoved(ILaunch[] launches) {
        launchesTerminated(launches);
    }

    @Override
    public void launchesAdded(ILaunch[] launches) {
    }

    @Override
    public void launchesChanged(ILaunch[] launches) {
    }

    private void dispose() {
        DebugPlugin.getDefault().removeDebugEventListener(this);
        DebugPlugin.getDefault().getLaunchManager().removeLaunchListener(this);
    }
}
