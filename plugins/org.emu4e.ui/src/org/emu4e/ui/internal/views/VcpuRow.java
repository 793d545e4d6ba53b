package org.emu4e.ui.internal.views;

import java.util.ArrayList;
import java.util.List;

import org.emu4e.core.MachineRegistry;
import org.emu4e.core.RunningMachine;
import org.emu4e.engine.api.Vcpu;
import org.emu4e.engine.api.VcpuStatus;

/**
 * One row of the vCPU State view: a snapshot of one vCPU of one registered machine.
 *
 * @param machineName name of the machine in the registry, or null when only one machine is
 *                    registered (the CPU column then shows the plain index)
 */
record VcpuRow(String machineName, VcpuStatus status) {

    /** Snapshots every vCPU of every registered machine; never blocks on a vCPU. */
    static List<VcpuRow> collect(MachineRegistry registry) {
        List<RunningMachine> machines = registry.machines();
        List<VcpuRow> rows = new ArrayList<>();
        for (RunningMachine m : machines) {
            String name = machines.size() > 1 ? m.name() : null;
            for (Vcpu vcpu : m.machine().vcpus()) {
                rows.add(new VcpuRow(name, vcpu.status()));
            }
        }
        return rows;
    }
}
