package org.emu4e.engine.runtime;

import java.util.concurrent.locks.ReentrantLock;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.memory.PhysicalBus;

/**
 * The parts of a machine that only engine code may touch: the system bus and the big lock
 * (every device access and interrupt-line change holds it). Embedders see {@link Machine}
 * alone; board code, the control server and engine tests reach these through {@link #of}.
 */
public interface MachineInternals {
    PhysicalBus bus();

    ReentrantLock bigLock();

    /** The internals of a machine this engine built. */
    static MachineInternals of(Machine m) {
        if (m instanceof MachineInternals internals) {
            return internals;
        }
        throw new IllegalArgumentException("not a machine built by the emu4e engine: " + m.getClass().getName());
    }
}
