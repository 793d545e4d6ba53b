package org.emu4e.engine.control.protocol;

/**
 * @param line  SPI number from 0 (GIC INTID 32+line), required
 * @param level line level to set; absent means true (asserted)
 */
public record InterruptParams(Integer line, Boolean level) {
}
