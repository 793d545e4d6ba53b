package org.emu4e.engine.control.protocol;

/**
 * @param enabled         whether a GDB stub is running
 * @param host            address the stub listens on (null when disabled)
 * @param port            TCP port of the stub (null when disabled)
 * @param clientConnected whether a debugger is attached
 * @param client          the debugger's address, when attached
 */
public record GdbStatus(boolean enabled, String host, Integer port, boolean clientConnected, String client) {
    public static GdbStatus disabled() {
        return new GdbStatus(false, null, null, false, null);
    }
}
