package org.emu4e.engine.control.protocol;

/** @param line SPI number; @param level the level now driven */
public record InterruptResult(int line, boolean level) {
}
