package org.emu4e.engine.control.protocol;

/**
 * The server's answer to {@code initialize}.
 *
 * @param protocolVersion the server's version, "MAJOR.MINOR"
 * @param serverName      "emu4e"
 * @param capabilities    what this server offers and its limits
 */
public record InitializeResult(String protocolVersion, String serverName, ServerCapabilities capabilities) {
}
