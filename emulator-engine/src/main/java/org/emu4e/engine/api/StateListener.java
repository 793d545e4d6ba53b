package org.emu4e.engine.api;

/**
 * Receives vCPU run-state transitions. Called on the vCPU's own thread, outside the big
 * lock, in the order the transitions happened for that vCPU. Must return quickly and must
 * not call {@code runSync} on any vCPU.
 */
@FunctionalInterface
public interface StateListener {
    void stateChanged(StateChange change);
}
