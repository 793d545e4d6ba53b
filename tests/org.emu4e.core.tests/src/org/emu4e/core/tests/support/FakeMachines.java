package org.emu4e.core.tests.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.MachineState;
import org.emu4e.engine.api.RunState;
import org.emu4e.engine.api.StateChange;
import org.emu4e.engine.api.StateListener;
import org.emu4e.engine.api.Vcpu;
import org.emu4e.engine.api.VcpuStatus;

/**
 * Stand-in machines for registry and view tests until the engine's runtime can boot a board
 * inside OSGi: they answer what the registry and the vCPU State view read (vCPU snapshots,
 * machine state, listeners) and throw for anything else. Built on {@link Proxy} so that new
 * methods in the engine API do not break these tests.
 */
public final class FakeMachines {

    /** A controllable fake: change its vCPUs' snapshots and life cycle from the test. */
    public static final class Handle {
        private final List<VcpuStatus> statuses = new CopyOnWriteArrayList<>();
        private final List<StateListener> stateListeners = new CopyOnWriteArrayList<>();
        private final List<Consumer<MachineState>> lifecycleListeners = new CopyOnWriteArrayList<>();
        private volatile MachineState state = MachineState.RUNNING;
        private Machine machine;

        public Machine machine() {
            return machine;
        }

        /** Sets vCPU {@code cpu}'s snapshot and tells state listeners, like a vCPU thread would. */
        public void setVcpu(int cpu, RunState runState, long pc, int el, long instructions) {
            RunState from = statuses.get(cpu).state();
            statuses.set(cpu, status(cpu, runState, pc, el, instructions));
            StateChange change = new StateChange(cpu, from, runState, "test", System.nanoTime(), instructions);
            for (StateListener l : stateListeners) {
                l.stateChanged(change);
            }
        }

        /** Moves the machine to SHUTDOWN and tells its machine-state listeners. */
        public void shutDown() {
            state = MachineState.SHUTDOWN;
            for (Consumer<MachineState> l : lifecycleListeners) {
                l.accept(state);
            }
        }

        public int stateListenerCount() {
            return stateListeners.size() + lifecycleListeners.size();
        }
    }

    private FakeMachines() {
    }

    /** A running machine with {@code cpus} vCPUs, all RUNNING at pc 0 in EL1. */
    public static Handle create(int cpus) {
        Handle h = new Handle();
        List<Vcpu> vcpus = new ArrayList<>();
        for (int i = 0; i < cpus; i++) {
            h.statuses.add(status(i, RunState.RUNNING, 0, 1, 0));
            vcpus.add(vcpu(h, i));
        }
        List<Vcpu> fixed = List.copyOf(vcpus);
        h.machine = proxy(Machine.class, (p, m, args) -> switch (m.getName()) {
            case "vcpus" -> fixed;
            case "vcpu" -> fixed.get((Integer) args[0]);
            case "cpuCount" -> fixed.size();
            case "machineState" -> h.state;
            case "addStateListener" -> h.stateListeners.add((StateListener) args[0]);
            case "removeStateListener" -> h.stateListeners.remove(args[0]);
            case "addMachineStateListener" -> h.lifecycleListeners.add(cast(args[0]));
            case "removeMachineStateListener" -> h.lifecycleListeners.remove(args[0]);
            case "toString" -> "FakeMachine(" + cpus + " vCPUs)";
            case "hashCode" -> System.identityHashCode(p);
            case "equals" -> p == args[0];
            default -> throw new UnsupportedOperationException("fake machine: " + m.getName());
        });
        return h;
    }

    private static Vcpu vcpu(Handle h, int index) {
        return proxy(Vcpu.class, (p, m, args) -> switch (m.getName()) {
            case "index" -> index;
            case "mpidr" -> (long) index;
            case "status" -> h.statuses.get(index);
            case "state" -> h.statuses.get(index).state();
            case "toString" -> "FakeVcpu(" + index + ")";
            case "hashCode" -> System.identityHashCode(p);
            case "equals" -> p == args[0];
            default -> throw new UnsupportedOperationException("fake vCPU: " + m.getName());
        });
    }

    private static VcpuStatus status(int cpu, RunState state, long pc, int el, long instructions) {
        return new VcpuStatus(cpu, cpu, state, pc, el, instructions,
                new EnumMap<>(RunState.class), new EnumMap<>(RunState.class));
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(FakeMachines.class.getClassLoader(), new Class<?>[] { type }, handler);
    }

    @SuppressWarnings("unchecked")
    private static Consumer<MachineState> cast(Object o) {
        return (Consumer<MachineState>) o;
    }
}
