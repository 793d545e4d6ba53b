package org.emu4e.engine.runtime;

/** Work could not run, or a wait ended, because the machine has shut down. */
public final class MachineShutDownException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public MachineShutDownException() {
        super("machine shut down");
    }
}
