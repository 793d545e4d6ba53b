package org.emu4e.engine.api;

/**
 * Access to a vCPU from work running on that vCPU's own thread. Only valid during the
 * work's execution; never store it or hand it to another thread.
 */
public interface VcpuContext {
    int index();
}
