package org.emu4e.ui.internal.views;

import java.util.List;
import java.util.Optional;

import org.eclipse.debug.core.ILaunch;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.emu4e.core.MachineRegistry;
import org.emu4e.core.RunningMachine;

/**
 * Which machine the view shows: the machine of the launch selected in the Debug view when there
 * is one, else the user's pick in a drop-down (shown only while several machines run), else the
 * newest machine; the last machine stays shown after it ends until another one starts. UI thread
 * only.
 */
final class MachineChooser {

    private final MachineRegistry registry;
    private final Combo combo;
    private final Runnable changed;
    private List<RunningMachine> machines = List.of();
    private RunningMachine current;

    MachineChooser(Composite parent, MachineRegistry registry, Runnable changed) {
        this.registry = registry;
        this.changed = changed;
        combo = new Combo(parent, SWT.READ_ONLY | SWT.DROP_DOWN);
        combo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        combo.addListener(SWT.Selection, e -> {
            int i = combo.getSelectionIndex();
            if (i >= 0 && i < machines.size()) {
                show(machines.get(i));
            }
        });
        update();
    }

    RunningMachine current() {
        return current;
    }

    /**
     * Re-reads the registry: keeps the shown machine while it runs, else shows the newest one;
     * when none runs, a machine that has ended stays shown (its final states and history).
     */
    void update() {
        machines = registry.machines();
        boolean currentRuns = current != null && machines.contains(current);
        RunningMachine next = machines.isEmpty() || currentRuns ? current : machines.get(machines.size() - 1);
        String[] names = machines.stream().map(RunningMachine::name).toArray(String[]::new);
        combo.setItems(names);
        boolean several = machines.size() > 1;
        if (combo.getVisible() != several) {
            combo.setVisible(several);
            ((GridData) combo.getLayoutData()).exclude = !several;
            combo.getParent().layout(true);
        }
        show(next);
    }

    /** Shows the machine started by {@code launch}, if that launch has one. */
    void followLaunch(ILaunch launch) {
        Optional<RunningMachine> m = registry.find(launch);
        m.ifPresent(this::show);
    }

    /** Shows {@code machine} (null: none). */
    void show(RunningMachine machine) {
        int index = machine == null ? -1 : machines.indexOf(machine);
        if (index >= 0 && combo.getSelectionIndex() != index) {
            combo.select(index);
        }
        if (machine != current) {
            current = machine;
            changed.run();
        }
    }
}
