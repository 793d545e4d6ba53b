package org.emu4e.engine.control.protocol;

import java.util.concurrent.CompletableFuture;

import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/** The platform management unit's per-core halt line. */
@JsonSegment("pmu")
public interface PmuService {
    /** Asserts the halt line; answers once the core is really PMU_HALTED (or a timeout error). */
    @JsonRequest
    CompletableFuture<PmuCpuState> halt(CpuParams params);

    /** Releases the halt line; answers once the core has left PMU_HALTED. */
    @JsonRequest
    CompletableFuture<PmuCpuState> resume(CpuParams params);

    @JsonRequest
    CompletableFuture<PmuStatus> status();
}
