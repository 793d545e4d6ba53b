package org.emu4e.engine.control.transport;

import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.JsonRpcException;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.ConcurrentMessageProcessor;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageConsumer;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;

/**
 * LSP4J's builder with the control protocol's reader ({@link GuardedMessageProducer}) and
 * endpoint ({@link ControlRemoteEndpoint}) put in place of the defaults.
 */
final class ControlLauncherBuilder<T> extends Launcher.Builder<T> {
    private final int maxMessageBytes;
    private final boolean answerErrors;
    private final Runnable onInputClosed;
    private MessageJsonHandler jsonHandler;
    private ControlRemoteEndpoint endpoint;
    private MessageConsumer outgoing;

    ControlLauncherBuilder(int maxMessageBytes, boolean answerErrors, Runnable onInputClosed) {
        this.maxMessageBytes = maxMessageBytes;
        this.answerErrors = answerErrors;
        this.onInputClosed = onInputClosed;
    }

    @Override
    protected RemoteEndpoint createRemoteEndpoint(MessageJsonHandler handler) {
        MessageConsumer stream = new StreamMessageConsumer(output, handler);
        outgoing = wrapMessageConsumer(message -> {
            try {
                stream.consume(message);
            } catch (JsonRpcException e) {
                // the peer is gone: end the connection instead of logging every lost reply
                if (onInputClosed != null) {
                    onInputClosed.run();
                }
            }
        });
        Endpoint local = ServiceEndpoints.toEndpoint(localServices);
        endpoint = new ControlRemoteEndpoint(outgoing, local);
        handler.setMethodProvider(endpoint);
        endpoint.setJsonHandler(handler);
        jsonHandler = handler;
        return endpoint;
    }

    @Override
    protected ConcurrentMessageProcessor createMessageProcessor(MessageProducer reader, MessageConsumer consumer,
            T remoteProxy) {
        GuardedMessageProducer guarded = new GuardedMessageProducer(input, maxMessageBytes, jsonHandler, endpoint,
                outgoing, answerErrors, onInputClosed);
        return new ConcurrentMessageProcessor(guarded, consumer);
    }
}
