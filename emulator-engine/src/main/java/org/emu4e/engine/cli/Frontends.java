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
     * HOOK(lead): start the GDB remote stub for {@code machine} on {@code host:port} (port 0: any
     * free port) and return the bound port. Called before {@code Machine.start()}; -S is handled
     * by the CLI (every vCPU is asked to stop for the debugger before the start). Once the
     * gdbstub package is merged the body is:
     * <pre>
     * GdbServer s = GdbServer.start(machine, java.net.InetAddress.getByName(host), port);
     * return new Server(s.port(), s);
     * </pre>
     * Until wired this reports that no stub is built in.
     */
    public static Server startGdb(Machine machine, String host, int port) throws IOException {
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
