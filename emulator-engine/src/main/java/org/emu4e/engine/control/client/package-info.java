/**
 * Clients: {@link org.emu4e.engine.control.client.ControlConnection} (typed, TCP or in process)
 * and the {@code emu4e ctl} command ({@link org.emu4e.engine.control.client.CtlMain}).
 */
package org.emu4e.engine.control.client;
