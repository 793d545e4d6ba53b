package org.emu4e.engine.cli;

import java.io.IOException;

import org.emu4e.engine.api.Machine;

/**
 * The hooks where the CLI starts the servers other packages provide. Each returns the running
 * server so the CLI can report its port and close it on exit.
 */
public final class Frontends {
    private Frontends() { }

    /** A started server: the TCP port it really listens on and how to stop it. */
    public record Server(int port, AutoCloseable handle) { }

    /**
     * HOOK(lead): start the GDB remote stub {@code org.emu4e.engine.gdbstub.GdbServer} for
     * {@code machine} on {@code host:port} (port 0: any free port) and return the bound port.
     * With {@code startOnAttach}, the stub starts the vCPUs itself when the debugger continues
     * (-S); otherwise the CLI starts them. Until wired this reports that no stub is built in.
     */
    public static Server startGdb(Machine machine, String host, int port, boolean startOnAttach) throws IOException {
        throw new IOException("the GDB stub (org.emu4e.engine.gdbstub.GdbServer) is not wired into this build");
    }

    /**
     * HOOK(control helper): start the control-protocol server on {@code host:port} for
     * {@code machine}. Until wired this reports that no control server is built in.
     */
    public static Server startControl(Machine machine, String host, int port) throws IOException {
        throw new IOException("the control protocol server is not wired into this build");
    }
}
