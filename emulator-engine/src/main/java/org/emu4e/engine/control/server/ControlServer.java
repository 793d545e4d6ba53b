package org.emu4e.engine.control.server;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.MachineState;
import org.emu4e.engine.api.StateChange;
import org.emu4e.engine.api.StateListener;
import org.emu4e.engine.control.client.ControlConnection;
import org.emu4e.engine.control.protocol.ControlClient;
import org.emu4e.engine.control.protocol.ControlErrors;
import org.emu4e.engine.control.protocol.MachineStateChanged;
import org.emu4e.engine.control.protocol.UartOutput;
import org.emu4e.engine.control.protocol.VcpuStateChanged;
import org.emu4e.engine.control.transport.ControlLimits;
import org.emu4e.engine.control.transport.NamedThreads;
import org.emu4e.engine.control.transport.MemoryPipe;

/**
 * Serves the control protocol for one machine, over TCP ({@link #listen}) and in process
 * ({@link #connectInProcess}). Listens to the machine once and fans events out to every
 * session; listeners run on vCPU threads and only queue work, never write to a client.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ControlServer.class.getName());

    private final Machine machine;
    private final ControlLimits limits;
    private final List<ControlSession> sessions = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final ThreadPoolExecutor machineExecutor;
    private final ScheduledExecutorService uartTimer;
    private final UartBatcher uart;
    private final StateListener vcpuListener = this::vcpuChanged;
    private final Consumer<MachineState> machineListener = this::machineChanged;
    private volatile GdbStatusSource gdbStatusSource;
    private volatile Duration changeTimeout = Duration.ofSeconds(5);
    private volatile Duration lifecycleTimeout = Duration.ofSeconds(20);
    private volatile ServerSocket serverSocket;
    private volatile Thread acceptThread;
    private volatile boolean closed;

    public ControlServer(Machine machine) {
        this(machine, ControlLimits.DEFAULT);
    }

    public ControlServer(Machine machine, ControlLimits limits) {
        this.machine = machine;
        this.limits = limits;
        this.machineExecutor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(limits.maxInFlight() * limits.maxClients()), new NamedThreads("machine"));
        this.uartTimer = Executors.newSingleThreadScheduledExecutor(new NamedThreads("uart"));
        this.uart = new UartBatcher(uartTimer, this::uartOutput);
        machine.addStateListener(vcpuListener);
        machine.addMachineStateListener(machineListener);
        machine.console().addOutputListener(uart);
    }

    /**
     * What the CLI's {@code --control SPEC} does: a server for {@code machine} listening on
     * {@code SPEC} ({@link ControlAddress#parse}). Close it when the machine ends.
     */
    public static ControlServer open(Machine machine, String spec) throws IOException {
        ControlAddress address = ControlAddress.parse(spec);
        ControlServer server = new ControlServer(machine);
        try {
            server.listen(address);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Binds a TCP listener; returns the bound address (the real port when 0 was asked). */
    public synchronized InetSocketAddress listen(ControlAddress address) throws IOException {
        if (serverSocket != null) {
            throw new IllegalStateException("already listening on " + serverSocket.getLocalSocketAddress());
        }
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(address.socketAddress(), 16);
        serverSocket = ss;
        Thread t = new NamedThreads("accept").newThread(this::acceptLoop);
        acceptThread = t;
        t.start();
        return (InetSocketAddress) ss.getLocalSocketAddress();
    }

    /** The bound TCP port, or -1 when not listening. */
    public int port() {
        ServerSocket ss = serverSocket;
        return ss == null ? -1 : ss.getLocalPort();
    }

    /**
     * Connects {@code client} without a socket (the Eclipse plug-in in the same JVM): the same
     * protocol, framing and limits over in-memory pipes.
     */
    public ControlConnection connectInProcess(ControlClient client) throws IOException {
        MemoryPipe toServer = new MemoryPipe(64 * 1024);
        MemoryPipe toClient = new MemoryPipe(64 * 1024);
        Closeable both = () -> {
            toServer.close();
            toClient.close();
        };
        if (!admit(toClient.output(), both)) {
            throw new IOException("too many control clients (max " + limits.maxClients() + ")");
        }
        ControlSession s = new ControlSession(this, nextId.getAndIncrement(), toServer.input(), toClient.output(), both);
        sessions.add(s);
        s.start();
        return ControlConnection.open(client, toClient.input(), toServer.output(), both);
    }

    public void setGdbStatusSource(GdbStatusSource source) { this.gdbStatusSource = source; }

    /** How long pmu/interrupt/uart requests wait for their change (default 5 s). */
    public void setChangeTimeout(Duration d) { this.changeTimeout = d; }

    public int clientCount() { return sessions.size(); }

    Machine machine() { return machine; }

    ControlLimits limits() { return limits; }

    GdbStatusSource gdbStatusSource() { return gdbStatusSource; }

    Duration changeTimeout() { return changeTimeout; }

    Duration lifecycleTimeout() { return lifecycleTimeout; }

    ExecutorService machineExecutor() { return machineExecutor; }

    void sessionClosed(ControlSession s) {
        sessions.remove(s);
    }

    private void acceptLoop() {
        ServerSocket ss = serverSocket;
        while (!closed) {
            Socket socket;
            try {
                socket = ss.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "control server accept failed", e);
                }
                return;
            }
            try {
                socket.setTcpNoDelay(true);
                OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 8192);
                if (!admit(out, socket)) {
                    continue;
                }
                ControlSession s = new ControlSession(this, nextId.getAndIncrement(), socket.getInputStream(), out, socket);
                sessions.add(s);
                s.start();
            } catch (IOException e) {
                closeQuietly(socket);
            }
        }
    }

    /** Refuses a connection past the client limit with a JSON-RPC error (id null) and closes it. */
    private boolean admit(OutputStream out, Closeable transport) {
        if (!closed && sessions.size() < limits.maxClients()) {
            return true;
        }
        String body = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" + ControlErrors.TOO_MANY_CLIENTS
                + ",\"message\":\"" + (closed ? "control server is closing" : "too many control clients (max "
                + limits.maxClients() + "); connection closed") + "\"}}";
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        try {
            out.write(("Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(b);
            out.flush();
        } catch (IOException e) {
            // refused anyway
        }
        closeQuietly(transport);
        return false;
    }

    private void vcpuChanged(StateChange c) {
        VcpuStateChanged e = new VcpuStateChanged(c.cpu(), c.from().name(), c.to().name(), c.reason(),
                c.hostTimeNanos(), c.instructionCount());
        for (ControlSession s : sessions) {
            s.notify("vcpu/stateChanged", client -> client.vcpuEvents().stateChanged(e));
        }
    }

    private void machineChanged(MachineState state) {
        MachineStateChanged e = new MachineStateChanged(state.name());
        for (ControlSession s : sessions) {
            s.notify("machine/stateChanged", client -> client.machineEvents().stateChanged(e));
        }
    }

    private void uartOutput(String text) {
        UartOutput e = new UartOutput(text);
        for (ControlSession s : sessions) {
            s.notify("uart/output", client -> client.uartEvents().output(e));
        }
    }

    /** Closes every connection and thread of the server; the machine itself is left as it is. */
    @Override
    public void close() {
        closed = true;
        machine.removeStateListener(vcpuListener);
        machine.removeMachineStateListener(machineListener);
        machine.console().removeOutputListener(uart);
        ServerSocket ss = serverSocket;
        if (ss != null) {
            closeQuietly(ss);
        }
        // let a running life-cycle call (e.g. the machine/shutdown that ended the run) finish and
        // its reply reach the client before the connections go
        machineExecutor.shutdown();
        try {
            machineExecutor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ControlSession> open = List.copyOf(sessions);
        for (ControlSession s : open) {
            s.drainAndClose(Duration.ofMillis(500));
        }
        machineExecutor.shutdownNow();
        uartTimer.shutdownNow();
        Thread t = acceptThread;
        if (t != null) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            for (ControlSession s : open) {
                s.awaitThreads(Duration.ofSeconds(2));
            }
            machineExecutor.awaitTermination(2, TimeUnit.SECONDS);
            uartTimer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
