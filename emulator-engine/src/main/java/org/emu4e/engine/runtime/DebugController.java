package org.emu4e.engine.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.emu4e.engine.api.DebugControl;
import org.emu4e.engine.api.DebugHooks;
import org.emu4e.engine.api.DebugStop;

/**
 * The runtime side of a debugger: stop, resume and step are work on the target vCPU, which
 * enters DEBUG_STOPPED through its own wait path; hooks are installed in an exclusive section.
 * All-stop policy (stopping the other vCPUs when one stops) belongs to the GDB stub.
 */
final class DebugController implements DebugControl {
    private static final System.Logger LOG = System.getLogger(DebugController.class.getName());

    private final MttcgMachine machine;
    private final CopyOnWriteArrayList<Consumer<DebugStop>> listeners = new CopyOnWriteArrayList<>();

    DebugController(MttcgMachine machine) {
        this.machine = machine;
    }

    @Override
    public CompletableFuture<DebugStop> stop(int cpu) {
        VcpuThread v = machine.vcpuThread(cpu);
        // Always queued (no shortcut on announcedStop()): a resume queued just before must be
        // applied first, or the caller is told "stopped" by a vCPU about to run again.
        // requestStop completes at once on the vCPU if it is still stopped.
        CompletableFuture<DebugStop> f = new CompletableFuture<>();
        v.enqueue(WorkItem.sync(ctx -> v.debug.requestStop(f), f));
        return f;
    }

    @Override
    public void resume(int cpu) {
        VcpuThread v = machine.vcpuThread(cpu);
        v.asyncRun(ctx -> v.debug.resume());
    }

    @Override
    public CompletableFuture<DebugStop> step(int cpu) {
        VcpuThread v = machine.vcpuThread(cpu);
        CompletableFuture<DebugStop> f = new CompletableFuture<>();
        v.enqueue(WorkItem.sync(ctx -> v.debug.step(f), f));
        return f;
    }

    @Override
    public CompletableFuture<Void> setHooks(DebugHooks hooks) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        VcpuThread here = VcpuThread.current();
        VcpuThread target = here != null && here.machine == machine ? here : machine.vcpuThread(0);
        // Inside the exclusive section no vCPU runs guest code, so each CPU's hook field may be
        // written from this thread; the gate's lock publishes it before they re-enter guest code.
        target.enqueue(new WorkItem(ctx -> {
            for (VcpuThread v : machine.vcpuThreads()) {
                v.cpu().debug = hooks;
            }
            f.complete(null);
        }, true, f));
        return f;
    }

    @Override
    public void addStopListener(Consumer<DebugStop> listener) { listeners.add(listener); }

    @Override
    public void removeStopListener(Consumer<DebugStop> listener) { listeners.remove(listener); }

    @Override
    public boolean isStopped(int cpu) { return machine.vcpuThread(cpu).debug.announcedStop() != null; }

    /** Tells every stop listener, on the stopping vCPU's thread. */
    void fireStop(DebugStop s) {
        for (Consumer<DebugStop> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "debug stop listener failed", e);
            }
        }
    }
}
