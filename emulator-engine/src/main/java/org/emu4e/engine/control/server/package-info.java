/**
 * The engine's end: {@link org.emu4e.engine.control.server.ControlServer} (TCP and in-process
 * connections, machine listeners fanned out to sessions), one session per client with a reader
 * and a worker thread, and one small handler per protocol segment. Every vCPU change goes
 * through the runtime's run-on-vCPU futures; nothing here blocks a vCPU or LSP4J's dispatch thread.
 */
package org.emu4e.engine.control.server;
