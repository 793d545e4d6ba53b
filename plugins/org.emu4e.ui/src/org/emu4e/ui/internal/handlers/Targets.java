package org.emu4e.ui.internal.handlers;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.ui.IWorkbenchPart;
import org.emu4e.core.MachineRegistry;
import org.emu4e.core.RunningMachine;
import org.emu4e.core.VcpuTarget;
import org.emu4e.ui.internal.selection.VcpuTargets;

/** What a command acts on: the selected vCPUs, and their machines (or the active view's machine). */
record Targets(List<VcpuTarget> vcpus, Set<RunningMachine> machines) {

    static Targets of(Object selectionOrPart) {
        MachineRegistry registry = MachineRegistry.getDefault();
        List<VcpuTarget> vcpus = List.of();
        Set<RunningMachine> machines = new LinkedHashSet<>();
        if (selectionOrPart instanceof ISelection s) {
            vcpus = VcpuTargets.of(s, registry);
            vcpus.forEach(t -> machines.add(t.machine()));
        } else if (selectionOrPart instanceof IWorkbenchPart part) {
            RunningMachine m = Adapters.adapt(part, RunningMachine.class);
            if (m != null) {
                machines.add(m);
            }
        }
        machines.removeIf(m -> !registry.machines().contains(m));
        return new Targets(vcpus.stream().filter(t -> machines.contains(t.machine())).toList(), machines);
    }

    /** The selection's targets, or (nothing selected) the machine of the active part. */
    static Targets of(ISelection selection, IWorkbenchPart part) {
        Targets t = of(selection);
        return t.machines().isEmpty() && part != null ? of(part) : t;
    }

    boolean anyHaltAsserted() {
        for (RunningMachine m : machines) {
            for (int cpu = 0; cpu < m.machine().cpuCount(); cpu++) {
                if (m.machine().pmu().isHaltAsserted(cpu)) {
                    return true;
                }
            }
        }
        return false;
    }
}
