package org.emu4e.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.core.runtime.Platform;
import org.eclipse.debug.core.ILaunch;
import org.emu4e.core.preferences.PreferenceKeys;
import org.emu4e.core.timeline.MachineTimeline;
import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.MachineState;
import org.emu4e.engine.api.RunState;
import org.emu4e.engine.api.StateChange;
import org.emu4e.engine.api.StateListener;
import org.emu4e.engine.api.Vcpu;

/**
 * The engine machines running inside this Eclipse instance, so that views (the vCPU State view)
 * and later the launch integration can find them. A machine leaves the registry when it is
 * removed or when it shuts down. Thread-safe; listeners are called on the thread that caused
 * the change (a vCPU thread for run-state changes) and must return quickly.
 */
public final class MachineRegistry {

    /** Told about registry changes and about run-state changes of registered machines. */
    public interface Listener {
        /** A machine was added or removed. */
        void machinesChanged(MachineRegistry registry);

        /** A vCPU of a registered machine changed run state (on that vCPU's thread). */
        default void vcpuStateChanged(RunningMachine machine, StateChange change) {
        }
    }

    private static final MachineRegistry DEFAULT = new MachineRegistry();

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** Transitions kept per vCPU; 0 = the preference {@link PreferenceKeys#TIMELINE_HISTORY}. */
    private volatile int timelineCapacity;

    /** The registry shared by all emu4e bundles of this Eclipse instance. */
    public static MachineRegistry getDefault() {
        return DEFAULT;
    }

    /**
     * Registers {@code machine} under a display {@code name}.
     *
     * @throws IllegalArgumentException if the machine is already registered
     */
    public RunningMachine add(String name, Machine machine) {
        return add(name, machine, null);
    }

    /**
     * Registers {@code machine}, started by {@code launch} (may be null), under a display
     * {@code name}; views that follow the Debug view's selection find it with {@link #find}.
     *
     * @throws IllegalArgumentException if the machine is already registered
     */
    public RunningMachine add(String name, Machine machine, ILaunch launch) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(machine, "machine");
        Entry entry = new Entry(new RunningMachine(name, machine, launch));
        synchronized (entries) {
            if (find(machine) != null) {
                throw new IllegalArgumentException("machine already registered: " + name);
            }
            entries.add(entry);
        }
        machine.addStateListener(entry.stateListener);
        machine.addMachineStateListener(entry.lifecycleListener);
        fireMachinesChanged();
        if (machine.machineState() == MachineState.SHUTDOWN) {
            remove(machine); // shut down before we could listen
        }
        return entry.machine;
    }

    /** Unregisters {@code machine}; returns false if it was not registered. */
    public boolean remove(Machine machine) {
        Entry entry;
        synchronized (entries) {
            entry = find(machine);
            if (entry == null) {
                return false;
            }
            entries.remove(entry);
        }
        machine.removeStateListener(entry.stateListener);
        machine.removeMachineStateListener(entry.lifecycleListener);
        fireMachinesChanged();
        return true;
    }

    /** Snapshot of the registered machines in registration order. */
    public List<RunningMachine> machines() {
        List<RunningMachine> result = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            result.add(e.machine);
        }
        return List.copyOf(result);
    }

    /** The registered machine started by {@code launch}, if any. */
    public Optional<RunningMachine> find(ILaunch launch) {
        if (launch == null) {
            return Optional.empty();
        }
        for (Entry e : entries) {
            if (e.machine.launch() == launch) {
                return Optional.of(e.machine);
            }
        }
        return Optional.empty();
    }

    /**
     * The run-state history of a registered machine, recorded from the moment it was added;
     * empty once the machine has left the registry.
     */
    public Optional<MachineTimeline> timeline(RunningMachine machine) {
        for (Entry e : entries) {
            if (e.machine.equals(machine)) {
                return Optional.of(e.timeline);
            }
        }
        return Optional.empty();
    }

    /** Transitions kept per vCPU for machines added from now on (at least 1). */
    public void setTimelineCapacity(int transitionsPerVcpu) {
        if (transitionsPerVcpu < 1) {
            throw new IllegalArgumentException("timeline capacity must be at least 1, was " + transitionsPerVcpu);
        }
        timelineCapacity = transitionsPerVcpu;
    }

    /** Transitions kept per vCPU for machines added from now on. */
    public int timelineCapacity() {
        int c = timelineCapacity;
        if (c > 0) {
            return c;
        }
        int pref = Platform.getPreferencesService().getInt(PreferenceKeys.QUALIFIER, PreferenceKeys.TIMELINE_HISTORY,
                PreferenceKeys.DEFAULT_TIMELINE_HISTORY, null);
        return pref > 0 ? pref : MachineTimeline.DEFAULT_CAPACITY;
    }

    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    private Entry find(Machine machine) {
        for (Entry e : entries) {
            if (e.machine.machine() == machine) {
                return e;
            }
        }
        return null;
    }

    private void fireMachinesChanged() {
        for (Listener l : listeners) {
            l.machinesChanged(this);
        }
    }

    /** Per-machine listeners, kept so that {@link #remove} can unhook exactly these. */
    private final class Entry {
        final RunningMachine machine;
        final MachineTimeline timeline;
        final StateListener stateListener;
        final Consumer<MachineState> lifecycleListener;

        Entry(RunningMachine machine) {
            this.machine = machine;
            List<RunState> initial = new ArrayList<>();
            for (Vcpu v : machine.machine().vcpus()) {
                initial.add(v.state());
            }
            this.timeline = new MachineTimeline(initial, System.nanoTime(), timelineCapacity());
            this.stateListener = change -> {
                timeline.record(change);
                for (Listener l : listeners) {
                    l.vcpuStateChanged(machine, change);
                }
            };
            this.lifecycleListener = state -> {
                if (state == MachineState.SHUTDOWN) {
                    remove(machine.machine());
                }
            };
        }
    }
}
