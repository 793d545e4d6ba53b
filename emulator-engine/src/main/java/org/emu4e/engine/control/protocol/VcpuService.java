package org.emu4e.engine.control.protocol;

import java.util.concurrent.CompletableFuture;

import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/** Read-only views of the vCPUs. */
@JsonSegment("vcpu")
public interface VcpuService {
    /** One snapshot per vCPU; never waits for a vCPU. */
    @JsonRequest
    CompletableFuture<VcpuList> list();
}
