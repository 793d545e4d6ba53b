package org.emu4e.engine.control.protocol;

import java.util.concurrent.CompletableFuture;

import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/** Shared peripheral interrupt lines driven from the host. */
@JsonSegment("interrupt")
public interface InterruptService {
    /** Sets SPI {@code line} (GIC INTID 32+line) to {@code level} (default true, i.e. asserted). */
    @JsonRequest
    CompletableFuture<InterruptResult> inject(InterruptParams params);
}
