package org.emu4e.core;

import org.eclipse.debug.core.ILaunch;
import org.emu4e.engine.api.Machine;

/**
 * A machine known to the {@link MachineRegistry}.
 *
 * @param name    what views show for it, e.g. the launch configuration's name
 * @param machine the engine machine
 * @param launch  the launch that started it, or {@code null} for a machine started outside the
 *                launch framework (tests, embedders)
 */
public record RunningMachine(String name, Machine machine, ILaunch launch) {

    /** A machine without a launch. */
    public RunningMachine(String name, Machine machine) {
        this(name, machine, null);
    }
}
