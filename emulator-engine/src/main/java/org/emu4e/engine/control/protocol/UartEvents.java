package org.emu4e.engine.control.protocol;

import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

@JsonSegment("uart")
public interface UartEvents {
    /** Guest UART output, batched (at most every 20 ms or 4 KiB). */
    @JsonNotification
    void output(UartOutput event);
}
