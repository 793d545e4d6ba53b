package org.emu4e.engine.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.control.protocol.GdbStatus;
import org.emu4e.engine.control.server.ControlAddress;
import org.emu4e.engine.control.server.ControlServer;
import org.emu4e.engine.gdbstub.GdbServer;

/**
 * The hooks where the CLI starts the servers other packages provide. Each returns the running
 * server so the CLI can report its port and close it on exit.
 */
public final class Frontends {
    private Frontends() { }

    /** A started server: the TCP port it really listens on and how to stop it. */
    public record Server(int port, AutoCloseable handle) { }

    /**
     * Starts the GDB remote stub for {@code machine} on {@code host:port} (port 0: any free
     * port). Called before {@code Machine.start()}; -S is handled by the CLI (every vCPU is asked
     * to stop for the debugger before the start).
     */
    public static Server startGdb(Machine machine, String host, int port) throws IOException {
        GdbServer s = GdbServer.start(machine, InetAddress.getByName(host), port);
        return new Server(s.port(), s);
    }

    /**
     * Starts the control-protocol server on {@code host:port} for {@code machine}; its
     * {@code gdb/status} reports {@code gdb} (a handle from {@link #startGdb}, or null).
     */
    public static Server startControl(Machine machine, String host, int port, AutoCloseable gdb) throws IOException {
        ControlServer server = new ControlServer(machine);
        if (gdb instanceof GdbServer g) {
            server.setGdbStatusSource(() -> {
                var client = g.clientAddress();
                return new GdbStatus(true, g.address().getHostAddress(), g.port(), client.isPresent(),
                        client.map(c -> c.getAddress().getHostAddress() + ":" + c.getPort()).orElse(null));
            });
        }
        try {
            InetSocketAddress bound = server.listen(new ControlAddress(host, port));
            return new Server(bound.getPort(), server);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }
}
