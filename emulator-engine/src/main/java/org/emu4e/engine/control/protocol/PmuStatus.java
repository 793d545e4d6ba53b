package org.emu4e.engine.control.protocol;

/** Result of {@code pmu/status}: one entry per core, in index order. */
public record PmuStatus(java.util.List<PmuCpuState> cpus) {
}
