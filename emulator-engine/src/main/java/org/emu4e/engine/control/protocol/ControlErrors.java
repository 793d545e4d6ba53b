package org.emu4e.engine.control.protocol;

import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;

/**
 * JSON-RPC error codes of the control protocol. The first five are JSON-RPC 2.0's own; the
 * server-defined ones live in the range JSON-RPC reserves for servers (-32000..-32099).
 */
public final class ControlErrors {
    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** The client has too many unanswered requests; wait for replies. */
    public static final int TOO_MANY_REQUESTS = -32001;
    /** The server already serves its maximum number of clients; the connection is closed. */
    public static final int TOO_MANY_CLIENTS = -32002;
    /** The change did not happen in time (e.g. a core that never reached PMU_HALTED). */
    public static final int TIMEOUT = -32003;
    /** The machine is in a state that does not allow the request (e.g. shut down). */
    public static final int MACHINE_STATE = -32004;
    /** A message broke the framing rules (header too long, Content-Length too large). */
    public static final int FRAMING_ERROR = -32005;

    private ControlErrors() {
    }

    public static ResponseErrorException error(int code, String message) {
        return new ResponseErrorException(new ResponseError(code, message, null));
    }

    public static ResponseErrorException invalidParams(String message) {
        return error(INVALID_PARAMS, message);
    }
}
