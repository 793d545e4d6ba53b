package org.emu4e.engine.control.protocol;

import java.util.concurrent.CompletableFuture;

import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/** The primary UART. Guest output arrives as {@code uart/output} notifications. */
@JsonSegment("uart")
public interface UartService {
    /** Queues {@code text} (UTF-8 encoded) for the guest to receive. */
    @JsonRequest
    CompletableFuture<UartWriteResult> write(UartWriteParams params);
}
