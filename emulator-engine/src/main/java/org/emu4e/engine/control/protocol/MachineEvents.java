package org.emu4e.engine.control.protocol;

import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

@JsonSegment("machine")
public interface MachineEvents {
    @JsonNotification
    void stateChanged(MachineStateChanged event);
}
