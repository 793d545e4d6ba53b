package org.emu4e.engine.api;

/** Work run on a vCPU's own thread, between guest instructions. */
@FunctionalInterface
public interface VcpuWork {
    void run(VcpuContext ctx);
}
