package org.emu4e.engine.control.protocol;

/**
 * @param requests            every request method the server answers
 * @param notifications       every notification method it can send
 * @param events              the notifications this client will receive
 * @param cpuCount            number of vCPUs
 * @param maxInFlightRequests unanswered requests allowed per client before errors
 * @param maxClients          simultaneous connections allowed
 * @param maxMessageBytes     largest accepted Content-Length
 */
public record ServerCapabilities(java.util.List<String> requests, java.util.List<String> notifications,
        java.util.List<String> events, int cpuCount, int maxInFlightRequests, int maxClients, int maxMessageBytes) {
}
