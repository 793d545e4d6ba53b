package org.emu4e.core;

import org.emu4e.engine.api.Machine;

/**
 * A machine known to the {@link MachineRegistry}.
 *
 * @param name    what views show for it, e.g. the launch configuration's name
 * @param machine the engine machine
 */
public record RunningMachine(String name, Machine machine) {
}
