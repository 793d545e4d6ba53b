package org.emu4e.engine.control.server;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.emu4e.engine.api.Machine;
import org.emu4e.engine.control.protocol.ControlClient;
import org.emu4e.engine.control.protocol.ControlErrors;
import org.emu4e.engine.control.protocol.ControlService;
import org.emu4e.engine.control.protocol.GdbService;
import org.emu4e.engine.control.protocol.InitializeParams;
import org.emu4e.engine.control.protocol.InitializeResult;
import org.emu4e.engine.control.protocol.InterruptService;
import org.emu4e.engine.control.protocol.MachineService;
import org.emu4e.engine.control.protocol.PmuService;
import org.emu4e.engine.control.protocol.ProtocolCatalog;
import org.emu4e.engine.control.protocol.ServerCapabilities;
import org.emu4e.engine.control.protocol.UartService;
import org.emu4e.engine.control.protocol.VcpuService;
import org.emu4e.engine.control.transport.ControlLaunchers;
import org.emu4e.engine.control.transport.ControlLimits;
import org.emu4e.engine.control.transport.NamedThreads;

/**
 * One client connection. Threads: a reader (LSP4J's dispatch loop, never blocked by a
 * handler) and a worker that completes replies to waiting requests and sends notifications,
 * so a client that stops reading stalls only its own two threads. Requests that wait count
 * against {@link ControlLimits#maxInFlight()}; queued output against
 * {@link ControlLimits#maxQueuedOutput()}, past which the client is disconnected.
 */
final class ControlSession implements ControlService {
    private static final Logger LOG = Logger.getLogger(ControlSession.class.getName());

    final ControlServer server;
    final Machine machine;
    final int id;
    private final ControlLimits limits;
    private final Closeable transport;
    private final ExecutorService reader;
    private final ThreadPoolExecutor worker;
    private final Semaphore inFlight;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Launcher<ControlClient> launcher;
    private volatile Set<String> events = Set.of();
    private Future<Void> listening;

    private final MachineHandler machineHandler;
    private final VcpuHandler vcpuHandler;
    private final PmuHandler pmuHandler;
    private final InterruptHandler interruptHandler;
    private final UartHandler uartHandler;
    private final GdbHandler gdbHandler;

    ControlSession(ControlServer server, int id, InputStream in, OutputStream out, Closeable transport) {
        this.server = server;
        this.machine = server.machine();
        this.id = id;
        this.limits = server.limits();
        this.transport = transport;
        this.inFlight = new Semaphore(limits.maxInFlight());
        this.reader = Executors.newSingleThreadExecutor(new NamedThreads(id + "-reader"));
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(limits.maxQueuedOutput()), new NamedThreads(id + "-worker"),
                (r, ex) -> overflow(ex));
        this.machineHandler = new MachineHandler(this);
        this.vcpuHandler = new VcpuHandler(this);
        this.pmuHandler = new PmuHandler(this);
        this.interruptHandler = new InterruptHandler(this);
        this.uartHandler = new UartHandler(this);
        this.gdbHandler = new GdbHandler(this);
        this.launcher = ControlLaunchers.server(this, in, out, reader, limits, this::close);
    }

    void start() {
        listening = launcher.startListening();
    }

    // ---- ControlService -------------------------------------------------------------------

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        String version = params == null ? null : params.protocolVersion();
        if (version != null && !major(version).equals(major(ProtocolCatalog.VERSION))) {
            throw ControlErrors.error(ControlErrors.INVALID_REQUEST, "unsupported protocol version " + version
                    + "; this server speaks " + ProtocolCatalog.VERSION);
        }
        List<String> all = ProtocolCatalog.names(ProtocolCatalog.notifications());
        List<String> wanted = params == null || params.events() == null ? all : params.events();
        for (String e : wanted) {
            if (!all.contains(e)) {
                throw ControlErrors.invalidParams("unknown event '" + e + "'; known: " + all);
            }
        }
        events = Set.copyOf(wanted);
        ServerCapabilities caps = new ServerCapabilities(ProtocolCatalog.names(ProtocolCatalog.requests()), all,
                List.copyOf(wanted), machine.cpuCount(), limits.maxInFlight(), limits.maxClients(),
                limits.maxMessageBytes());
        return CompletableFuture.completedFuture(new InitializeResult(ProtocolCatalog.VERSION, "emu4e", caps));
    }

    private static String major(String v) {
        int dot = v.indexOf('.');
        return dot < 0 ? v : v.substring(0, dot);
    }

    @Override
    public MachineService machine() { return machineHandler; }

    @Override
    public VcpuService vcpu() { return vcpuHandler; }

    @Override
    public PmuService pmu() { return pmuHandler; }

    @Override
    public InterruptService interrupt() { return interruptHandler; }

    @Override
    public UartService uart() { return uartHandler; }

    @Override
    public GdbService gdb() { return gdbHandler; }

    // ---- helpers for the handlers -----------------------------------------------------------

    /** Validates a vCPU number from params. */
    int cpu(Integer cpu, String method) {
        if (cpu == null) {
            throw ControlErrors.invalidParams(method + ": missing required param 'cpu'");
        }
        int n = machine.cpuCount();
        if (cpu < 0 || cpu >= n) {
            throw ControlErrors.invalidParams(method + ": cpu " + cpu + " out of range (this machine has cpus 0.."
                    + (n - 1) + ")");
        }
        return cpu;
    }

    /**
     * Starts a change with {@code start} and replies with its future's value once it completes
     * (on this session's worker), or with a TIMEOUT error after {@code timeout}. Counts as in
     * flight until then; past the limit the change is not started at all.
     */
    <T> CompletableFuture<T> whenDone(Supplier<CompletableFuture<T>> start, Duration timeout, String what) {
        if (!inFlight.tryAcquire()) {
            throw ControlErrors.error(ControlErrors.TOO_MANY_REQUESTS, what + ": too many requests in flight (limit "
                    + limits.maxInFlight() + " per client); wait for replies before sending more");
        }
        CompletableFuture<T> source;
        try {
            source = start.get();
        } catch (RuntimeException e) {
            inFlight.release();
            Throwable t = translate(e, what, timeout);
            throw t instanceof RuntimeException r ? r : e;
        }
        CompletableFuture<T> reply = new CompletableFuture<>();
        source.copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((value, error) -> {
            inFlight.release();
            try {
                worker.execute(() -> {
                    if (error == null) {
                        reply.complete(value);
                    } else {
                        reply.completeExceptionally(translate(error, what, timeout));
                    }
                });
            } catch (RejectedExecutionException e) {
                // session closed or overflowing: nobody to reply to
            }
        });
        return reply;
    }

    /** Runs blocking machine work on the server's machine thread and replies when done. */
    <T> CompletableFuture<T> onMachineThread(Callable<T> work, Duration timeout, String what) {
        return whenDone(() -> {
            try {
                return CompletableFuture.supplyAsync(() -> {
                    try {
                        return work.call();
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                }, server.machineExecutor());
            } catch (RejectedExecutionException e) {
                throw ControlErrors.error(ControlErrors.TOO_MANY_REQUESTS, what + ": the machine is busy; try again");
            }
        }, timeout, what);
    }

    static Throwable translate(Throwable error, String what, Duration timeout) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof ResponseErrorException) {
            return e;
        }
        if (e instanceof TimeoutException) {
            return ControlErrors.error(ControlErrors.TIMEOUT, what + ": not done within " + timeout.toMillis() + " ms");
        }
        if (e instanceof IllegalArgumentException || e instanceof IndexOutOfBoundsException) {
            return ControlErrors.invalidParams(what + ": " + e.getMessage());
        }
        if (e instanceof IllegalStateException) {
            return ControlErrors.error(ControlErrors.MACHINE_STATE, what + ": " + e.getMessage());
        }
        return ControlErrors.error(ControlErrors.INTERNAL_ERROR, what + ": " + e);
    }

    /** Sends a notification if the client subscribed to it; never blocks the caller. */
    void notify(String event, Consumer<ControlClient> send) {
        if (closed.get() || !events.contains(event)) {
            return;
        }
        ControlClient client = launcher.getRemoteProxy();
        try {
            worker.execute(() -> {
                if (!closed.get()) {
                    send.accept(client);
                }
            });
        } catch (RejectedExecutionException e) {
            // overflow() has already closed the session
        }
    }

    private void overflow(ThreadPoolExecutor ex) {
        if (!ex.isShutdown()) {
            LOG.warning("control client " + id + " does not read its output (more than " + limits.maxQueuedOutput()
                    + " messages queued); disconnecting it");
            close();
        }
        throw new RejectedExecutionException("control session " + id + " closed");
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Ends the connection and its threads; idempotent, never blocks for long. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.sessionClosed(this);
        try {
            transport.close();
        } catch (IOException e) {
            // already gone
        }
        if (listening != null) {
            listening.cancel(true);
        }
        worker.shutdown();
        reader.shutdown();
    }

    /** Sends what is already queued (within {@code timeout}), then closes. */
    void drainAndClose(Duration timeout) {
        worker.shutdown();
        try {
            worker.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    /** For tests: waits until both threads of this session have ended. */
    boolean awaitThreads(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        return worker.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)
                && reader.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
}
