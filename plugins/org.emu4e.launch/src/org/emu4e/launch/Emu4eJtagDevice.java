package org.emu4e.launch;

import java.util.Collection;

import org.eclipse.cdt.debug.gdbjtag.core.jtagdevice.DefaultGDBJtagConnectionImpl;

/**
 * The emu4e machine as a GDB Hardware Debugging device. Its stub stops every vCPU when GDB
 * connects (all-stop), so "halt" needs no command of its own beyond what the connection does;
 * reset is the stub's {@code monitor system_reset}. There is no hardware to wait for: the
 * default delay is 0.
 */
public class Emu4eJtagDevice extends DefaultGDBJtagConnectionImpl {
    /** The device id (extension org.eclipse.cdt.debug.gdbjtag.core.JTagDevice). */
    public static final String ID = "org.emu4e.launch.jtagDevice";

    @Override
    public void doReset(Collection<String> commands) {
        addCmd(commands, "monitor system_reset");
    }

    @Override
    public void doHalt(Collection<String> commands) {
        // The stub is all-stop and already stopped every vCPU on connect; 'info cpus' reports it.
        addCmd(commands, "monitor info cpus");
    }

    @Override
    public int getDefaultDelay() {
        return 0;
    }
}
