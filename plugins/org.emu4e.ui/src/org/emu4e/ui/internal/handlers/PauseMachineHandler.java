package org.emu4e.ui.internal.handlers;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.emu4e.core.RunningMachine;
import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.MachineState;

/**
 * Pauses a running machine (every vCPU PAUSED) or continues a paused one. The engine's pause
 * returns only once every vCPU has stopped, so it runs in a job, never on the UI thread.
 */
public final class PauseMachineHandler extends VcpuHandler {
    /** Family of the pause/continue jobs (tests join it). */
    public static final Object FAMILY = PauseMachineHandler.class;

    @Override
    void run(Targets targets) {
        for (RunningMachine m : targets.machines()) {
            new PauseJob(m).schedule();
        }
    }

    private static final class PauseJob extends Job {
        private final Machine machine;
        private final boolean pause;

        PauseJob(RunningMachine m) {
            super((m.machine().machineState() == MachineState.PAUSED ? "Continuing " : "Pausing ") + m.name());
            this.machine = m.machine();
            this.pause = machine.machineState() != MachineState.PAUSED;
            setSystem(true);
        }

        @Override
        protected IStatus run(IProgressMonitor monitor) {
            if (machine.machineState() != MachineState.SHUTDOWN) {
                if (pause) {
                    machine.pause();
                } else {
                    machine.resume();
                }
            }
            return Status.OK_STATUS;
        }

        @Override
        public boolean belongsTo(Object family) {
            return family == FAMILY;
        }
    }
}
