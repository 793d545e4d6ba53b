package org.emu4e.core;

import org.emu4e.engine.api.Vcpu;

/**
 * One vCPU of a registered machine, as commands act on it. Selections in views (the vCPU State
 * view's rows, a debugger's thread elements) adapt to this type.
 *
 * @param machine the registered machine
 * @param cpu     vCPU index (0-based; the GDB thread id is {@code cpu + 1})
 */
public record VcpuTarget(RunningMachine machine, int cpu) {

    public Vcpu vcpu() {
        return machine.machine().vcpu(cpu);
    }
}
