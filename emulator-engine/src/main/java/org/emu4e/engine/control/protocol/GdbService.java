package org.emu4e.engine.control.protocol;

import java.util.concurrent.CompletableFuture;

import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/** The GDB remote stub, as far as the embedder has told the control server about it. */
@JsonSegment("gdb")
public interface GdbService {
    /** {@code {enabled:false}} when the machine runs without a GDB stub. */
    @JsonRequest
    CompletableFuture<GdbStatus> status();
}
