package org.emu4e.engine.gdbstub;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.emu4e.engine.api.Machine;

/**
 * A GDB remote-serial-protocol server for one {@link Machine}. One client at a time: a
 * second connection while one is active is closed at once; after a disconnect (or detach)
 * the next client is served. On connect every vCPU is stopped (all-stop), as QEMU does.
 * On detach ('D') or {@link #close()} breakpoints are removed and every vCPU resumes; when the
 * connection just drops (gdb killed, IDE crash, network) breakpoints are removed but, as in
 * QEMU, no vCPU is resumed: a stopped target waits for the next debugger.
 *
 * <pre>
 * GdbServer gdb = GdbServer.start(machine, null, 1234);   // loopback, port 1234 (0 = any)
 * ... gdb.port(), gdb.clientAddress() ...
 * gdb.close();
 * </pre>
 */
public final class GdbServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GdbServer.class.getName());
    /** Bound on every wait for the runtime (stop, setHooks); the stub never waits forever. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Server options. {@code killShutsDown}: 'k' shuts the machine down (QEMU) or only detaches. */
    public record Options(boolean killShutsDown) {
        public static final Options DEFAULT = new Options(true);
    }

    private final Machine machine;
    private final GdbArch arch;
    private final Options options;
    private final ServerSocket socket;
    private final ThreadStates threadStates;
    private final Thread acceptor;
    private volatile GdbSession session;
    private volatile InetSocketAddress client;
    private volatile boolean closed;

    private GdbServer(Machine machine, GdbArch arch, Options options, ServerSocket socket) {
        this.machine = machine;
        this.arch = arch;
        this.options = options;
        this.socket = socket;
        this.threadStates = new ThreadStates(machine);
        machine.addStateListener(threadStates);
        this.acceptor = new Thread(this::acceptLoop, "emu4e-gdb-accept-" + socket.getLocalPort());
        acceptor.setDaemon(true);
    }

    /**
     * Starts a stub for the engine's CPU architecture; {@code bind} null means loopback;
     * {@code port} 0 picks a free port.
     */
    public static GdbServer start(Machine m, InetAddress bind, int port) throws IOException {
        return start(m, bind, port, engineArch(), Options.DEFAULT);
    }

    /**
     * The architecture the engine jar registers for the stub (META-INF/services), so this
     * protocol layer names no CPU. Looked up with the engine's own class loader, which also
     * holds inside OSGi, where the jar is one bundle.
     */
    private static GdbArch engineArch() {
        return ServiceLoader.load(GdbArch.class, GdbArch.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("the engine jar registers no "
                        + GdbArch.class.getName() + " in META-INF/services; rebuild it with its resources"));
    }

    public static GdbServer start(Machine m, InetAddress bind, int port, GdbArch arch, Options options)
            throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(new InetSocketAddress(bind != null ? bind : InetAddress.getLoopbackAddress(), port), 1);
        GdbServer s = new GdbServer(m, arch, options, ss);
        s.acceptor.start();
        return s;
    }

    /**
     * For {@code -S}: asks every vCPU to stop for the debugger before the machine starts, so
     * none executes an instruction until a client connects and continues. Call before
     * {@link Machine#start()}; the stop requests complete once the vCPU threads run.
     */
    public static void stopBeforeStart(Machine m) {
        for (int i = 0; i < m.cpuCount(); i++) {
            m.debug().stop(i);
        }
    }

    public int port() { return socket.getLocalPort(); }

    public InetAddress address() { return socket.getInetAddress(); }

    /** The connected debugger's address, if one is connected. */
    public Optional<InetSocketAddress> clientAddress() { return Optional.ofNullable(client); }

    /** One line for the control protocol: "listening on ...; client ..." */
    public String status() {
        InetSocketAddress c = client;
        return "gdb listening on " + socket.getInetAddress().getHostAddress() + ":" + port()
                + (c == null ? ", no client" : ", client " + c.getAddress().getHostAddress() + ":" + c.getPort());
    }

    boolean killShutsDown() { return options.killShutsDown(); }

    ThreadStates threadStates() { return threadStates; }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = socket.accept();
            } catch (SocketException e) {
                break; // closed
            } catch (IOException e) {
                LOG.log(Level.WARNING, "gdb accept failed", e);
                continue;
            }
            synchronized (this) {
                if (session != null || closed) {
                    LOG.info("gdb: refusing a second client from " + s.getRemoteSocketAddress());
                    closeQuietly(s);
                    continue;
                }
                try {
                    GdbSession gs = new GdbSession(this, machine, arch, s);
                    session = gs;
                    client = (InetSocketAddress) s.getRemoteSocketAddress();
                    Thread t = new Thread(gs, "emu4e-gdb-session-" + port());
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "gdb session setup failed", e);
                    session = null;
                    client = null;
                    closeQuietly(s);
                }
            }
        }
    }

    synchronized void sessionEnded(GdbSession s) {
        if (session == s) {
            session = null;
            client = null;
        }
        notifyAll();
    }

    /** Waits until no client is connected (tests, CLI shutdown). */
    public synchronized boolean awaitNoClient(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (session != null) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Whether {@link #close()} was called. */
    boolean isClosed() { return closed; }

    /** Stops listening and drops the client (which detaches: breakpoints removed, vCPUs resumed). */
    @Override
    public void close() {
        GdbSession s;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            s = session;
        }
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "close", e);
        }
        if (s != null) {
            s.channel.close();
            try {
                awaitNoClient(TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        machine.removeStateListener(threadStates);
        try {
            acceptor.join(TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "close", e);
        }
    }
}
