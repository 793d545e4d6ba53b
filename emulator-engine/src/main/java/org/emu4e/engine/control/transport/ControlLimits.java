package org.emu4e.engine.control.transport;

/**
 * Bounds that keep one client from wedging the engine.
 *
 * @param maxMessageBytes  largest Content-Length accepted; a larger one closes the connection
 * @param maxInFlight      unanswered requests per client; more are refused with TOO_MANY_REQUESTS
 * @param maxClients       simultaneous connections; more are refused and closed
 * @param maxQueuedOutput  replies and notifications queued for one client; a client that does not
 *                         read and lets more pile up is disconnected
 */
public record ControlLimits(int maxMessageBytes, int maxInFlight, int maxClients, int maxQueuedOutput) {
    public static final ControlLimits DEFAULT = new ControlLimits(1 << 20, 64, 8, 4096);
}
