package org.emu4e.engine.api;

/** Work run on a vCPU's own thread that returns a value. */
@FunctionalInterface
public interface VcpuCall<T> {
    T call(VcpuContext ctx);
}
