package org.emu4e.engine.control.protocol;

/** @param cpu vCPU index from 0 (required) */
public record CpuParams(Integer cpu) {
}
