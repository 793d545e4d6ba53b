package org.emu4e.engine.control.client;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.emu4e.engine.control.protocol.ControlClient;
import org.emu4e.engine.control.protocol.ControlService;
import org.emu4e.engine.control.protocol.InitializeParams;
import org.emu4e.engine.control.protocol.InitializeResult;
import org.emu4e.engine.control.protocol.ProtocolCatalog;
import org.emu4e.engine.control.transport.ControlLaunchers;
import org.emu4e.engine.control.transport.NamedThreads;

/**
 * A client's connection to a control server, over TCP or in process. {@link #server()} is
 * the typed proxy; {@link #closed()} completes when the server side goes away (LSP4J does not
 * fail requests still waiting then, so wait on replies with a timeout or together with it).
 * Notifications arrive on the connection's reader thread: never wait there for a reply.
 */
public final class ControlConnection implements AutoCloseable {
    private final Launcher<ControlService> launcher;
    private final Closeable transport;
    private final ExecutorService reader;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private Future<Void> listening;
    private volatile Thread readerThread;

    private ControlConnection(ControlClient client, InputStream in, OutputStream out, Closeable transport) {
        this.transport = transport;
        NamedThreads names = new NamedThreads("client-reader");
        this.reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = names.newThread(r);
            readerThread = t;
            return t;
        });
        this.launcher = ControlLaunchers.client(client, in, out, reader, () -> closed.complete(null));
    }

    /** Wraps already connected streams; starts reading at once. */
    public static ControlConnection open(ControlClient client, InputStream in, OutputStream out, Closeable transport) {
        ControlConnection c = new ControlConnection(client, in, out, transport);
        c.listening = c.launcher.startListening();
        return c;
    }

    /** Connects over TCP; throws {@link java.net.ConnectException} when no server listens there. */
    public static ControlConnection connect(String host, int port, ControlClient client) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setTcpNoDelay(true);
            return open(client == null ? new ControlClientAdapter() : client, socket.getInputStream(),
                    new BufferedOutputStream(socket.getOutputStream(), 8192), socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    public ControlService server() {
        return launcher.getRemoteProxy();
    }

    /** Sends {@code initialize} with this engine's protocol version; {@code events} null = all. */
    public CompletableFuture<InitializeResult> initialize(String clientName, List<String> events) {
        return server().initialize(new InitializeParams(clientName, ProtocolCatalog.VERSION, events));
    }

    /** Untyped request by method name, for generic tools such as the command-line client. */
    public CompletableFuture<Object> request(String method, Object params) {
        return launcher.getRemoteEndpoint().request(method, params);
    }

    public CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException e) {
            // already closed
        }
        if (listening != null) {
            listening.cancel(true);
        }
        reader.shutdown();
        try {
            if (Thread.currentThread() != readerThread) {
                reader.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed.complete(null);
    }
}
