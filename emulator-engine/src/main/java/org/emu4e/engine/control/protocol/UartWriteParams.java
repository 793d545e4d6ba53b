package org.emu4e.engine.control.protocol;

/** @param text characters for the guest to receive, sent as UTF-8 (required) */
public record UartWriteParams(String text) {
}
