/**
 * JSON-RPC plumbing shared by both ends: the one launcher factory
 * ({@link org.emu4e.engine.control.transport.ControlLaunchers}), the bounded frame reader that
 * replaces LSP4J's, in-memory pipes for the in-process transport, and the limits.
 */
package org.emu4e.engine.control.transport;
