package org.emu4e.engine.api;

import org.emu4e.engine.cpu.a64.A64Cpu;

/**
 * Access to a vCPU from work running on that vCPU's own thread. Only valid during the
 * work's execution; never store it or hand it to another thread.
 */
public interface VcpuContext {
    int index();

    /** The CPU core: registers, system registers, MMU. */
    A64Cpu cpu();
}
