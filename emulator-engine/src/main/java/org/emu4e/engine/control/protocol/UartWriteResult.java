package org.emu4e.engine.control.protocol;

/** @param bytes number of bytes queued to the UART */
public record UartWriteResult(int bytes) {
}
