package org.emu4e.ui.internal.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.Adapters;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeSelection;
import org.eclipse.jface.viewers.TreePath;
import org.emu4e.core.MachineRegistry;
import org.emu4e.core.RunningMachine;
import org.emu4e.core.VcpuTarget;

/**
 * The vCPUs a selection names: vCPU State view rows (they adapt to {@link VcpuTarget}), anything
 * else adapting to it, and threads in the Debug view of a launch whose machine is registered.
 * A debugger thread is matched by its GDB thread id (the emu4e stub numbers threads vCPU + 1),
 * read from the element's text ("thread[3]" in DSF element ids, "Thread #3" in labels): best
 * effort, with no dependency on a particular debugger.
 */
public final class VcpuTargets {

    private static final Pattern THREAD_ID = Pattern.compile("(?:thread\\[|Thread #)(\\d+)");

    private VcpuTargets() {
    }

    public static List<VcpuTarget> of(ISelection selection, MachineRegistry registry) {
        List<VcpuTarget> out = new ArrayList<>();
        if (selection instanceof ITreeSelection tree && !tree.isEmpty()) {
            for (TreePath path : tree.getPaths()) {
                of(path.getLastSegment(), LaunchOfElement.of(new org.eclipse.jface.viewers.TreeSelection(path)),
                        registry).ifPresent(out::add);
            }
            return out;
        }
        if (selection instanceof IStructuredSelection s) {
            for (Object element : s.toList()) {
                of(element, LaunchOfElement.of(element), registry).ifPresent(out::add);
            }
        }
        return out;
    }

    /** One element: an adapter to {@link VcpuTarget}, else a thread of a registered launch. */
    public static Optional<VcpuTarget> of(Object element, ILaunch launch, MachineRegistry registry) {
        VcpuTarget direct = element == null ? null : Adapters.adapt(element, VcpuTarget.class);
        if (direct != null) {
            return Optional.of(direct);
        }
        Optional<RunningMachine> machine = registry.find(launch);
        if (machine.isEmpty() || element == null) {
            return Optional.empty();
        }
        int cpu = threadId(String.valueOf(element)) - 1;
        if (cpu < 0 || cpu >= machine.get().machine().cpuCount()) {
            return Optional.empty();
        }
        return Optional.of(new VcpuTarget(machine.get(), cpu));
    }

    /** The GDB thread id in an element's text, or -1. */
    static int threadId(String text) {
        Matcher m = THREAD_ID.matcher(text);
        int id = -1;
        while (m.find()) {
            id = Integer.parseInt(m.group(1)); // the innermost (last) one names the thread
        }
        return id;
    }
}
