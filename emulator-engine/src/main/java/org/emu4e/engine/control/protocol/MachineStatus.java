package org.emu4e.engine.control.protocol;

/**
 * @param state    CREATED, RUNNING, PAUSED or SHUTDOWN
 * @param cpuCount number of vCPUs
 * @param exitCode the machine's exit code (meaningful once SHUTDOWN)
 */
public record MachineStatus(String state, int cpuCount, int exitCode) {
}
