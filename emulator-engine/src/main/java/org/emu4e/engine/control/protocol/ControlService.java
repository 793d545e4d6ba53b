package org.emu4e.engine.control.protocol;

import java.util.concurrent.CompletableFuture;

import org.eclipse.lsp4j.jsonrpc.services.JsonDelegate;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

/**
 * The control protocol as the engine serves it (QEMU's QMP, in JSON-RPC 2.0 over LSP base
 * framing). Methods are grouped by {@code @JsonSegment} into the delegates below; every request
 * answers with a {@link CompletableFuture}. Documented in {@code docs/control-protocol.md}.
 */
public interface ControlService {
    /** Exchanges protocol version and capabilities; a client should send it first. */
    @JsonRequest
    CompletableFuture<InitializeResult> initialize(InitializeParams params);

    @JsonDelegate
    MachineService machine();

    @JsonDelegate
    VcpuService vcpu();

    @JsonDelegate
    PmuService pmu();

    @JsonDelegate
    InterruptService interrupt();

    @JsonDelegate
    UartService uart();

    @JsonDelegate
    GdbService gdb();
}
