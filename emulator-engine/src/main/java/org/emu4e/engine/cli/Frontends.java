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
 * Where the CLI starts the servers other packages provide (gdbstub, control). Each returns the
 * running server so the CLI can report its port and close it on exit.
 */
public final class Frontends {
    private Frontends() { }

    /** A started server: the TCP port it really listens on and how to stop it. */
    public record Server(int port, AutoCloseable handle) { }

    /**
     * Starts the GDB remote stub for {@code machine} on {@code host:port} (port 0: any free
     * port). Called before {@code Machine.start()}; -S is handled by the CLI (every vCPU is
     * asked to stop for the debugger before the start).
     */
    public static Server startGdb(Machine machine, String host, int port) throws IOException {
        GdbServer s = GdbServer.start(machine, InetAddress.getByName(host), port);
        return new Server(s.port(), s);
    }

    /** What the control protocol's {@code gdb/status} reports about {@code gdb} (null: no stub). */
    public static GdbStatus gdbStatus(Server gdb) {
        if (gdb == null || !(gdb.handle() instanceof GdbServer s)) {
            return GdbStatus.disabled();
        }
        var client = s.clientAddress();
        return new GdbStatus(true, s.address().getHostAddress(), s.port(), client.isPresent(),
                client.map(InetSocketAddress::toString).orElse(null));
    }

    /** Starts the control-protocol server on {@code spec} (tcp:[HOST:]PORT) for {@code machine}. */
    public static Server startControl(Machine machine, String spec, Server gdb) throws IOException {
        ControlServer cs = new ControlServer(machine);
        cs.setGdbStatusSource(() -> gdbStatus(gdb));
        try {
            InetSocketAddress a = cs.listen(ControlAddress.parse(spec));
            return new Server(a.getPort(), cs);
        } catch (IOException | RuntimeException e) {
            cs.close();
            throw e;
        }
    }
}
