package org.emu4e.engine.control.client;

import org.emu4e.engine.control.protocol.ControlClient;
import org.emu4e.engine.control.protocol.MachineEvents;
import org.emu4e.engine.control.protocol.MachineStateChanged;
import org.emu4e.engine.control.protocol.UartEvents;
import org.emu4e.engine.control.protocol.UartOutput;
import org.emu4e.engine.control.protocol.VcpuEvents;
import org.emu4e.engine.control.protocol.VcpuStateChanged;

/**
 * A {@link ControlClient} that ignores every notification; override what you need. Methods
 * are called on the connection's reader thread: return quickly and never wait there for a
 * reply from the engine: that reply is read by this same thread, so waiting deadlocks.
 */
public class ControlClientAdapter implements ControlClient, VcpuEvents, UartEvents, MachineEvents {
    @Override
    public VcpuEvents vcpuEvents() { return this; }

    @Override
    public UartEvents uartEvents() { return this; }

    @Override
    public MachineEvents machineEvents() { return this; }

    @Override
    public void stateChanged(VcpuStateChanged event) {
    }

    @Override
    public void output(UartOutput event) {
    }

    @Override
    public void stateChanged(MachineStateChanged event) {
    }
}
