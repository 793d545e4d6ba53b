package org.emu4e.engine.control.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.emu4e.engine.control.protocol.ControlClient;
import org.emu4e.engine.control.protocol.ControlService;

import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

/**
 * The one place control-protocol launchers are made, for both ends and every transport (TCP
 * socket streams, in-process {@link MemoryPipe}s).
 */
public final class ControlLaunchers {
    private ControlLaunchers() {
    }

    /**
     * The engine's end: serves {@code service}, talks to a {@link ControlClient}. The reader
     * runs on {@code executor}; {@code onInputClosed} runs on it when the peer's input ends.
     */
    public static Launcher<ControlClient> server(ControlService service, InputStream in, OutputStream out,
            ExecutorService executor, ControlLimits limits, Runnable onInputClosed) {
        return new ControlLauncherBuilder<ControlClient>(limits.maxMessageBytes(), true, onInputClosed)
                .setLocalService(service)
                .setRemoteInterface(ControlClient.class)
                .setInput(in)
                .setOutput(out)
                .setExecutorService(executor)
                .configureGson(g -> g.registerTypeAdapter(Boolean.class, STRICT_BOOLEAN))
                .create();
    }

    /** A client's end: receives notifications on {@code client}, calls the engine through the proxy. */
    public static Launcher<ControlService> client(ControlClient client, InputStream in, OutputStream out,
            ExecutorService executor, Runnable onInputClosed) {
        return new ControlLauncherBuilder<ControlService>(Integer.MAX_VALUE - 16, false, onInputClosed)
                .setLocalService(client)
                .setRemoteInterface(ControlService.class)
                .setInput(in)
                .setOutput(out)
                .setExecutorService(executor)
                .configureGson(g -> g.registerTypeAdapter(Boolean.class, STRICT_BOOLEAN))
                .create();
    }

    /** Gson reads "yes" as false; the protocol wants a type error instead. */
    static final TypeAdapter<Boolean> STRICT_BOOLEAN = new TypeAdapter<>() {
        @Override
        public void write(JsonWriter out, Boolean value) throws IOException {
            out.value(value);
        }

        @Override
        public Boolean read(JsonReader in) throws IOException {
            JsonToken t = in.peek();
            if (t == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            if (t != JsonToken.BOOLEAN) {
                throw new JsonSyntaxException("expected true or false but was " + t + " at " + in.getPath());
            }
            return in.nextBoolean();
        }
    };
}
