package org.emu4e.engine.control.protocol;

import org.eclipse.lsp4j.jsonrpc.services.JsonDelegate;

/**
 * What the engine sends to a client on its own: notifications, grouped by segment. A client
 * receives only the notifications it subscribed to in {@code initialize}.
 */
public interface ControlClient {
    @JsonDelegate
    VcpuEvents vcpuEvents();

    @JsonDelegate
    UartEvents uartEvents();

    @JsonDelegate
    MachineEvents machineEvents();
}
