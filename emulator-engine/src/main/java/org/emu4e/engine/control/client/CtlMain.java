package org.emu4e.engine.control.client;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.emu4e.engine.control.protocol.ProtocolCatalog;
import org.emu4e.engine.control.protocol.ProtocolCatalog.MethodInfo;
import org.emu4e.engine.control.server.ControlAddress;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

/**
 * {@code emu4e ctl [--port P | --connect HOST:PORT] [--timeout S] METHOD [ARGS...]}: sends one
 * request to a running engine's control server and prints the JSON result.
 * Exit status: 0 result printed, 1 error reply or timeout, 2 usage error, 3 no server running.
 */
public final class CtlMain {
    public static final int OK = 0;
    public static final int ERROR_REPLY = 1;
    public static final int USAGE = 2;
    public static final int NO_SERVER = 3;

    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private CtlMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Does what {@link #main} does and returns the exit status instead of exiting. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String host = ControlAddress.LOOPBACK;
        int port = defaultPort(err);
        long timeoutSeconds = 30;
        List<String> rest = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (!rest.isEmpty()) {
                    rest.add(a);
                } else if (a.equals("--port") && i + 1 < args.length) {
                    port = parsePort(args[++i]);
                } else if (a.equals("--connect") && i + 1 < args.length) {
                    String hp = args[++i];
                    int colon = hp.lastIndexOf(':');
                    if (colon <= 0) {
                        throw new CtlArgs.UsageException("--connect wants HOST:PORT, was: " + hp);
                    }
                    host = hp.substring(0, colon);
                    port = parsePort(hp.substring(colon + 1));
                } else if (a.equals("--timeout") && i + 1 < args.length) {
                    timeoutSeconds = Long.parseLong(args[++i]);
                } else if (a.equals("--list")) {
                    list(out);
                    return OK;
                } else if (a.equals("--help") || a.equals("-h")) {
                    usage(out);
                    return OK;
                } else if (a.startsWith("--")) {
                    throw new CtlArgs.UsageException("unknown option " + a);
                } else {
                    rest.add(a);
                }
            }
            if (rest.isEmpty()) {
                throw new CtlArgs.UsageException("no METHOD given");
            }
        } catch (CtlArgs.UsageException | NumberFormatException e) {
            err.println("emu4e ctl: " + e.getMessage());
            usage(err);
            return USAGE;
        }
        String method = rest.get(0);
        JsonObject params;
        try {
            params = CtlArgs.params(method, rest.subList(1, rest.size()));
        } catch (CtlArgs.UsageException e) {
            err.println("emu4e ctl: " + e.getMessage());
            return USAGE;
        }
        return call(host, port, method, params, timeoutSeconds, out, err);
    }

    private static int call(String host, int port, String method, JsonObject params, long timeoutSeconds,
            PrintStream out, PrintStream err) {
        try (ControlConnection c = ControlConnection.connect(host, port, null)) {
            CompletableFuture<?> init = c.initialize("emu4e ctl", List.of());
            Object result = await(c, c.request(method, params), timeoutSeconds, init);
            out.println(PRETTY.toJson(result));
            return OK;
        } catch (ConnectException e) {
            err.println("emu4e ctl: no emu4e control server at " + host + ":" + port
                    + " (start the engine with --control tcp:" + port + ")");
            return NO_SERVER;
        } catch (IOException e) {
            err.println("emu4e ctl: cannot reach " + host + ":" + port + ": " + e.getMessage());
            return NO_SERVER;
        } catch (ResponseErrorException e) {
            ResponseError r = e.getResponseError();
            JsonObject o = new JsonObject();
            o.addProperty("code", r.getCode());
            o.addProperty("message", r.getMessage());
            err.println(PRETTY.toJson(o));
            return ERROR_REPLY;
        } catch (TimeoutException e) {
            err.println("emu4e ctl: no reply to " + method + " within " + timeoutSeconds + " s");
            return ERROR_REPLY;
        } catch (IllegalStateException e) {
            err.println("emu4e ctl: " + e.getMessage());
            return ERROR_REPLY;
        }
    }

    private static Object await(ControlConnection c, CompletableFuture<Object> reply, long timeoutSeconds,
            CompletableFuture<?> init) throws TimeoutException {
        CompletableFuture<Object> either = reply.applyToEither(c.closed().thenApply(v -> {
            throw new IllegalStateException("the server closed the connection");
        }), r -> r);
        try {
            init.get(timeoutSeconds, TimeUnit.SECONDS);
            return either.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(String.valueOf(e.getCause()));
        }
    }

    private static int parsePort(String s) throws CtlArgs.UsageException {
        try {
            int p = Integer.parseInt(s);
            if (p > 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new CtlArgs.UsageException("bad port: " + s);
    }

    private static int defaultPort(PrintStream err) {
        String env = System.getenv("EMU4E_CTL_PORT");
        if (env != null) {
            try {
                return Integer.parseInt(env.trim());
            } catch (NumberFormatException e) {
                err.println("emu4e ctl: ignoring EMU4E_CTL_PORT=" + env);
            }
        }
        return ControlAddress.DEFAULT_PORT;
    }

    private static void usage(PrintStream s) {
        s.println("usage: emu4e ctl [--port P | --connect HOST:PORT] [--timeout SECONDS] METHOD [ARGS...]");
        s.println("       emu4e ctl --list");
        s.println("ARGS: values for the method's params in order (pmu/halt 2), NAME=VALUE pairs, or one JSON object.");
        s.println("Default server: 127.0.0.1:$EMU4E_CTL_PORT or 127.0.0.1:" + ControlAddress.DEFAULT_PORT + ".");
        s.println("Exit status: 0 ok, 1 error reply, 2 usage, 3 no server running.");
    }

    private static void list(PrintStream out) {
        for (MethodInfo m : ProtocolCatalog.requests()) {
            out.println(m.name() + (m.paramNames().isEmpty() ? "" : " " + String.join(" ", m.paramNames())));
        }
    }
}
