package org.emu4e.engine.control.protocol;

/** Payload of {@code uart/output}: guest UART output decoded as UTF-8. */
public record UartOutput(String text) {
}
