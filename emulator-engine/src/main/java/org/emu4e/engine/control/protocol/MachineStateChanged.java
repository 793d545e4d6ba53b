package org.emu4e.engine.control.protocol;

/** Payload of {@code machine/stateChanged}: the machine's new life-cycle state. */
public record MachineStateChanged(String state) {
}
