package org.emu4e.engine.cpu.a64;

import org.emu4e.engine.api.VcpuContext;

/**
 * A vCPU's own-thread context as engine code sees it: the context plus its core. Every
 * {@link VcpuContext} the runtime hands to work is one of these; embedders see only the
 * index, so no CPU object leaves the engine.
 */
public interface CpuContext extends VcpuContext {
    /** The CPU core: registers, system registers, MMU. */
    A64Cpu cpu();

    /** The core behind {@code ctx}; call only from the work that received it, on its thread. */
    static A64Cpu cpuOf(VcpuContext ctx) {
        return ((CpuContext) ctx).cpu();
    }
}
