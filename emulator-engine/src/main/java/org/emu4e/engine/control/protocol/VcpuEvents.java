package org.emu4e.engine.control.protocol;

import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

@JsonSegment("vcpu")
public interface VcpuEvents {
    /** One run-state transition of one vCPU, in the order it happened on that vCPU. */
    @JsonNotification
    void stateChanged(VcpuStateChanged event);
}
