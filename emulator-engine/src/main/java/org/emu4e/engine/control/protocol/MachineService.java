package org.emu4e.engine.control.protocol;

import java.util.concurrent.CompletableFuture;

import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/** Life cycle of the whole machine. Each request answers once the change has happened. */
@JsonSegment("machine")
public interface MachineService {
    @JsonRequest
    CompletableFuture<MachineStatus> status();

    /** Stops every vCPU (state PAUSED). */
    @JsonRequest
    CompletableFuture<MachineStatus> pause();

    /** Lets a paused machine run again ({@code machine/continue}, as QMP's {@code cont}). */
    @JsonRequest("continue")
    CompletableFuture<MachineStatus> resume();

    /** System reset: vCPUs and devices back to their reset state. */
    @JsonRequest
    CompletableFuture<MachineStatus> reset();

    /** Stops the machine for good; the server keeps answering {@code machine/status}. */
    @JsonRequest
    CompletableFuture<MachineStatus> shutdown();
}
