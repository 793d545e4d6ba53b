package org.emu4e.engine.control.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;
import org.emu4e.engine.control.protocol.ControlErrors;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * Replaces LSP4J's stream reader: frames come through {@link FrameReader}'s limits, and what
 * LSP4J would only log (unparsable JSON, a non-object, a batch) is answered with a JSON-RPC
 * error object whose id is null, as JSON-RPC 2.0 section 5 asks. The connection stays open
 * unless the framing cannot be resynchronised.
 */
final class GuardedMessageProducer implements MessageProducer, Closeable {
    private static final Logger LOG = Logger.getLogger(GuardedMessageProducer.class.getName());
    private static final TypeAdapter<JsonElement> ELEMENT = new Gson().getAdapter(JsonElement.class);

    private final InputStream input;
    private final FrameReader frames;
    private final MessageJsonHandler json;
    private final ControlRemoteEndpoint endpoint;
    private final MessageConsumer outgoing;
    private final boolean answerErrors;
    private final Runnable onClosed;
    private volatile boolean running;

    GuardedMessageProducer(InputStream input, int maxMessageBytes, MessageJsonHandler json,
            ControlRemoteEndpoint endpoint, MessageConsumer outgoing, boolean answerErrors, Runnable onClosed) {
        this.input = input;
        this.frames = new FrameReader(input, maxMessageBytes);
        this.json = json;
        this.endpoint = endpoint;
        this.outgoing = outgoing;
        this.answerErrors = answerErrors;
        this.onClosed = onClosed;
    }

    @Override
    public void listen(MessageConsumer callback) {
        running = true;
        try {
            while (running) {
                FrameReader.Frame frame;
                try {
                    frame = frames.next();
                } catch (FrameReader.FramingException e) {
                    reply(null, ControlErrors.FRAMING_ERROR, "Framing error: " + e.getMessage());
                    break;
                }
                if (frame == null) {
                    break;
                }
                if (frame.problem() != null) {
                    reply(null, ControlErrors.FRAMING_ERROR, "Framing error: " + frame.problem());
                }
                byte[] body = frame.body();
                if (body == null) {
                    continue;
                }
                handle(new String(body, StandardCharsets.UTF_8), callback);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "control connection input closed", e);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "control connection output failed", e);
        } finally {
            running = false;
            if (onClosed != null) {
                onClosed.run();
            }
        }
    }

    private void handle(String text, MessageConsumer callback) {
        JsonElement element;
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            element = ELEMENT.read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonParseException("trailing data after the JSON value");
            }
        } catch (IOException | RuntimeException e) {
            reply(null, ControlErrors.PARSE_ERROR, "Parse error: " + e.getMessage());
            return;
        }
        if (!element.isJsonObject()) {
            reply(null, ControlErrors.INVALID_REQUEST,
                    "Invalid request: expected a JSON-RPC object" + (element.isJsonArray() ? " (batches are not supported)" : ""));
            return;
        }
        JsonObject o = element.getAsJsonObject();
        Either<String, Number> id = idOf(o.get("id"));
        if (o.has("id") && id == null) {
            reply(null, ControlErrors.INVALID_REQUEST, "Invalid request: id must be a string or an integer");
            return;
        }
        JsonElement method = o.get("method");
        boolean isResponse = o.has("result") || o.has("error");
        if (!isResponse && (method == null || !method.isJsonPrimitive() || !method.getAsJsonPrimitive().isString())) {
            reply(id, ControlErrors.INVALID_REQUEST, "Invalid request: \"method\" must be a string");
            return;
        }
        Message message;
        try {
            message = json.parseMessage(text);
        } catch (MessageIssueException e) {
            endpoint.handle(e.getRpcMessage(), e.getIssues());
            return;
        } catch (RuntimeException e) {
            reply(id, ControlErrors.INVALID_REQUEST, "Invalid request: " + e.getMessage());
            return;
        }
        try {
            callback.consume(message);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IOException) {
                throw e;
            }
            LOG.log(Level.WARNING, "control message handling failed", e);
            if (!isResponse && id != null) {
                reply(id, ControlErrors.INTERNAL_ERROR, "Internal error: " + e);
            }
        }
    }

    private static Either<String, Number> idOf(JsonElement id) {
        if (id == null || !id.isJsonPrimitive()) {
            return null;
        }
        JsonPrimitive p = id.getAsJsonPrimitive();
        if (p.isString()) {
            return Either.forLeft(p.getAsString());
        }
        if (p.isNumber()) {
            try {
                return Either.forRight(Integer.parseInt(p.getAsString()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private void reply(Either<String, Number> id, int code, String message) {
        if (!answerErrors) {
            LOG.warning("control protocol: " + message);
            return;
        }
        ResponseMessage r = new ResponseMessage();
        if (id != null) {
            r.setRawId(id);
        }
        r.setError(new ResponseError(code, message, null));
        outgoing.consume(r);
    }

    @Override
    public void close() {
        running = false;
        try {
            input.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
