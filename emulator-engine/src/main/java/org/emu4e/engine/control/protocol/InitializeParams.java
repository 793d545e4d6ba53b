package org.emu4e.engine.control.protocol;

/**
 * Sent by the client in {@code initialize}.
 *
 * @param clientName      free text for logs, e.g. "emu4e ctl"
 * @param protocolVersion the version the client speaks, "MAJOR.MINOR"; the major must match
 * @param events          notification methods to receive (e.g. "vcpu/stateChanged"); null = all
 */
public record InitializeParams(String clientName, String protocolVersion, java.util.List<String> events) {
}
