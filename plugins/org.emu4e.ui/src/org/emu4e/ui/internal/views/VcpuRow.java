package org.emu4e.ui.internal.views;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.eclipse.jface.viewers.IElementComparer;
import org.emu4e.core.MachineRegistry;
import org.emu4e.core.RunningMachine;
import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.Vcpu;
import org.emu4e.engine.api.VcpuStatus;

/**
 * One row of the vCPU State view: a snapshot of one vCPU of one registered machine.
 *
 * @param machine     the machine the vCPU belongs to (with the vCPU index, the row's identity)
 * @param machineName name of the machine in the registry, or null when only one machine is
 *                    registered (the CPU column then shows the plain index)
 */
record VcpuRow(Machine machine, String machineName, VcpuStatus status) {

    /** Snapshots every vCPU of every registered machine; never blocks on a vCPU. */
    static List<VcpuRow> collect(MachineRegistry registry) {
        List<RunningMachine> machines = registry.machines();
        List<VcpuRow> rows = new ArrayList<>();
        for (RunningMachine m : machines) {
            String name = machines.size() > 1 ? m.name() : null;
            for (Vcpu vcpu : m.machine().vcpus()) {
                rows.add(new VcpuRow(m.machine(), name, vcpu.status()));
            }
        }
        return rows;
    }

    /** Rows are the same element across refreshes when machine and vCPU index match (keeps the selection). */
    static final IElementComparer IDENTITY = new IElementComparer() {
        @Override
        public boolean equals(Object a, Object b) {
            if (a instanceof VcpuRow x && b instanceof VcpuRow y) {
                return x.machine() == y.machine() && x.status().index() == y.status().index();
            }
            return Objects.equals(a, b); // the viewer also compares its input with this
        }

        @Override
        public int hashCode(Object element) {
            if (element instanceof VcpuRow r) {
                return 31 * System.identityHashCode(r.machine()) + r.status().index();
            }
            return Objects.hashCode(element);
        }
    };
}
