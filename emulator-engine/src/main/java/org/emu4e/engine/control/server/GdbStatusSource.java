package org.emu4e.engine.control.server;

import org.emu4e.engine.control.protocol.GdbStatus;

/**
 * Tells the control server about the GDB stub, which lives elsewhere. The embedder that
 * starts the stub (the CLI, the IDE) sets one on {@link ControlServer}; without one,
 * {@code gdb/status} answers {@code {enabled:false}}. Must not block.
 */
@FunctionalInterface
public interface GdbStatusSource {
    GdbStatus gdbStatus();
}
