package org.emu4e.ui.internal.views;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.jface.viewers.IElementComparer;
import org.emu4e.core.RunningMachine;
import org.emu4e.core.VcpuTarget;
import org.emu4e.core.timeline.MachineTimeline;
import org.emu4e.core.timeline.Segment;
import org.emu4e.engine.api.Vcpu;
import org.emu4e.engine.api.VcpuStatus;

/**
 * One row of the vCPU State view: a snapshot of one vCPU, with the segment it is in now (from the
 * machine's timeline; null when the machine has none). Adapts to {@link VcpuTarget} for commands.
 */
record VcpuRow(RunningMachine machine, VcpuStatus status, Segment current) implements IAdaptable {

    /** Snapshots every vCPU of {@code machine}; never blocks on a vCPU. */
    static List<VcpuRow> collect(RunningMachine machine, MachineTimeline timeline) {
        List<VcpuRow> rows = new ArrayList<>();
        if (machine == null) {
            return rows;
        }
        for (Vcpu vcpu : machine.machine().vcpus()) {
            Segment current = timeline == null ? null : timeline.core(vcpu.index()).current();
            rows.add(new VcpuRow(machine, vcpu.status(), current));
        }
        return rows;
    }

    int cpu() {
        return status.index();
    }

    /** Nanoseconds in the current state at {@code nowNanos}, or -1 when unknown. */
    long nanosInState(long nowNanos) {
        return current == null ? -1 : Math.max(0, nowNanos - current.startNanos());
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return adapter == VcpuTarget.class ? adapter.cast(new VcpuTarget(machine, cpu())) : null;
    }

    /** Rows are the same element across refreshes when machine and vCPU index match (keeps the selection). */
    static final IElementComparer IDENTITY = new IElementComparer() {
        @Override
        public boolean equals(Object a, Object b) {
            if (a instanceof VcpuRow x && b instanceof VcpuRow y) {
                return x.machine().machine() == y.machine().machine() && x.cpu() == y.cpu();
            }
            return Objects.equals(a, b); // the viewer also compares its input with this
        }

        @Override
        public int hashCode(Object element) {
            if (element instanceof VcpuRow r) {
                return 31 * System.identityHashCode(r.machine().machine()) + r.cpu();
            }
            return Objects.hashCode(element);
        }
    };
}
