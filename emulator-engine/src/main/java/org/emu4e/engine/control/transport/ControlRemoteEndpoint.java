package org.emu4e.engine.control.transport;

import java.util.List;

import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.emu4e.engine.control.protocol.ControlErrors;
import org.emu4e.engine.control.protocol.ProtocolCatalog;

import com.google.gson.JsonParseException;

/**
 * LSP4J's endpoint with clearer errors for params that do not fit the method's params record:
 * LSP4J reports them as "Message could not be parsed." (-32700); JSON-RPC calls them
 * Invalid params (-32602), and the message names the fields expected.
 */
final class ControlRemoteEndpoint extends RemoteEndpoint {
    private final MessageConsumer out;

    ControlRemoteEndpoint(MessageConsumer out, Endpoint localEndpoint) {
        super(out, localEndpoint);
        this.out = out;
    }

    @Override
    protected void handleRequestIssues(RequestMessage request, List<MessageIssue> issues) {
        if (issues.size() == 1 && request.getMethod() != null
                && issues.get(0).getCause() instanceof JsonParseException cause) {
            String expected = ProtocolCatalog.request(request.getMethod())
                    .map(m -> m.paramNames().isEmpty() ? "no params" : "params " + m.paramNames())
                    .orElse(null);
            if (expected != null) {
                String why = cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage();
                ResponseError error = new ResponseError(ControlErrors.INVALID_PARAMS,
                        "Invalid params for '" + request.getMethod() + "' (expected " + expected + "): " + why, null);
                out.consume(createErrorResponseMessage(request, error));
                return;
            }
        }
        super.handleRequestIssues(request, issues);
    }
}
