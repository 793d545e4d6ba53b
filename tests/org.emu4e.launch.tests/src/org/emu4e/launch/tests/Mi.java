package org.emu4e.launch.tests;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.cdt.dsf.concurrent.DataRequestMonitor;
import org.eclipse.cdt.dsf.concurrent.Query;
import org.eclipse.cdt.dsf.datamodel.IDMContext;
import org.eclipse.cdt.dsf.debug.service.IProcesses;
import org.eclipse.cdt.dsf.debug.service.IRunControl;
import org.eclipse.cdt.dsf.debug.service.IRunControl.IExecutionDMContext;
import org.eclipse.cdt.dsf.debug.service.IStack;
import org.eclipse.cdt.dsf.debug.service.IStack.IFrameDMContext;
import org.eclipse.cdt.dsf.debug.service.IStack.IFrameDMData;
import org.eclipse.cdt.dsf.debug.service.command.ICommandListener;
import org.eclipse.cdt.dsf.debug.service.command.ICommandResult;
import org.eclipse.cdt.dsf.debug.service.command.ICommandToken;
import org.eclipse.cdt.dsf.debug.service.command.IEventListener;
import org.eclipse.cdt.dsf.gdb.launching.GdbLaunch;
import org.eclipse.cdt.dsf.gdb.service.command.IGDBControl;
import org.eclipse.cdt.dsf.mi.service.command.commands.CLICommand;
import org.eclipse.cdt.dsf.mi.service.command.output.MIInfo;
import org.eclipse.cdt.dsf.mi.service.command.output.MIThread;
import org.eclipse.cdt.dsf.mi.service.command.output.MIThreadInfoInfo;
import org.eclipse.cdt.dsf.service.DsfServicesTracker;
import org.eclipse.cdt.dsf.service.DsfSession;
import org.osgi.framework.FrameworkUtil;

/** Commands through the DSF-GDB session's own command control (the GDB CDT started). */
final class Mi implements AutoCloseable {
    private final DsfSession session;
    private final DsfServicesTracker tracker;
    /** The MI commands sent and the records GDB printed, in order (shown when an assertion fails). */
    private final List<String> trace = Collections.synchronizedList(new ArrayList<>());
    private final IEventListener records = (output) -> trace.add("<- " + output);
    private final ICommandListener commands = new ICommandListener() {
        @Override
        public void commandQueued(ICommandToken token) {
        }

        @Override
        public void commandSent(ICommandToken token) {
            trace.add("-> " + token.getCommand());
        }

        @Override
        public void commandRemoved(ICommandToken token) {
        }

        @Override
        public void commandDone(ICommandToken token, ICommandResult result) {
        }
    };

    Mi(GdbLaunch launch) {
        this.session = launch.getSession();
        this.tracker = new DsfServicesTracker(FrameworkUtil.getBundle(Mi.class).getBundleContext(), session.getId());
        session.getExecutor().execute(() -> {
            IGDBControl c = tracker.getService(IGDBControl.class);
            c.addEventListener(records);
            c.addCommandListener(commands);
        });
    }

    /** The MI exchange seen since this object was made. */
    String trace() {
        synchronized (trace) {
            return String.join("\n", trace);
        }
    }

    /** GDB's thread list ({@code -thread-info}). */
    MIThread[] threads() throws Exception {
        Query<MIThreadInfoInfo> q = new Query<>() {
            @Override
            protected void execute(DataRequestMonitor<MIThreadInfoInfo> rm) {
                IGDBControl c = tracker.getService(IGDBControl.class);
                c.queueCommand(c.getCommandFactory().createMIThreadInfo(c.getContext()), rm);
            }
        };
        session.getExecutor().execute(q);
        return q.get(30, TimeUnit.SECONDS).getThreadList();
    }

    /** A CLI command (e.g. "break crunch", "continue", "interrupt"). */
    void cli(String command) throws Exception {
        Query<MIInfo> q = new Query<>() {
            @Override
            protected void execute(DataRequestMonitor<MIInfo> rm) {
                IGDBControl c = tracker.getService(IGDBControl.class);
                c.queueCommand(new CLICommand<>(c.getContext(), command), rm);
            }
        };
        session.getExecutor().execute(q);
        q.get(30, TimeUnit.SECONDS);
    }

    /** Suspends every core the way the Debug view's Suspend does (DSF run control). */
    void suspend() throws Exception {
        Query<Object> q = new Query<>() {
            @Override
            protected void execute(DataRequestMonitor<Object> rm) {
                IGDBControl c = tracker.getService(IGDBControl.class);
                IProcesses procs = tracker.getService(IProcesses.class);
                IRunControl run = tracker.getService(IRunControl.class);
                procs.getProcessesBeingDebugged(c.getContext(), new DataRequestMonitor<IDMContext[]>(session.getExecutor(), rm) {
                    @Override
                    protected void handleSuccess() {
                        IDMContext[] ctxs = getData();
                        if (ctxs == null || ctxs.length == 0 || !(ctxs[0] instanceof IExecutionDMContext e)) {
                            rm.done(new org.eclipse.core.runtime.Status(org.eclipse.core.runtime.IStatus.ERROR,
                                    "org.emu4e.launch.tests", "no container to suspend"));
                            return;
                        }
                        run.suspend(e, rm);
                    }
                });
            }
        };
        session.getExecutor().execute(q);
        q.get(30, TimeUnit.SECONDS);
    }

    /** DSF run control's view of the debugged process: suspended (what the Debug view shows). */
    boolean containerSuspended() throws Exception {
        Query<Boolean> q = new Query<>() {
            @Override
            protected void execute(DataRequestMonitor<Boolean> rm) {
                IGDBControl c = tracker.getService(IGDBControl.class);
                IProcesses procs = tracker.getService(IProcesses.class);
                IRunControl run = tracker.getService(IRunControl.class);
                procs.getProcessesBeingDebugged(c.getContext(), new DataRequestMonitor<IDMContext[]>(session.getExecutor(), rm) {
                    @Override
                    protected void handleSuccess() {
                        IDMContext[] ctxs = getData();
                        rm.done(ctxs != null && ctxs.length > 0 && ctxs[0] instanceof IExecutionDMContext e
                                && run.isSuspended(e));
                    }
                });
            }
        };
        session.getExecutor().execute(q);
        return q.get(30, TimeUnit.SECONDS);
    }

    /** DSF's top stack frame (what the Debug view selects) of the first thread stopped in {@code function}. */
    IFrameDMContext topFrameIn(String function) throws Exception {
        for (IExecutionDMContext thread : threadContexts()) {
            IFrameDMContext frame = query(rm -> tracker.getService(IStack.class).getTopFrame(thread, rm));
            IFrameDMData data = query(rm -> tracker.getService(IStack.class).getFrameData(frame, rm));
            if (function.equals(data.getFunction())) {
                return frame;
            }
        }
        throw new AssertionError("no thread stopped in " + function);
    }

    private IExecutionDMContext[] threadContexts() throws Exception {
        IDMContext[] procs = query(rm -> tracker.getService(IProcesses.class)
                .getProcessesBeingDebugged(tracker.getService(IGDBControl.class).getContext(), rm));
        if (procs.length == 0 || !(procs[0] instanceof IRunControl.IContainerDMContext container)) {
            throw new AssertionError("no debugged container");
        }
        return query(rm -> tracker.getService(IRunControl.class).getExecutionContexts(container, rm));
    }

    private <V> V query(java.util.function.Consumer<DataRequestMonitor<V>> request) throws Exception {
        Query<V> q = new Query<>() {
            @Override
            protected void execute(DataRequestMonitor<V> rm) {
                request.accept(rm);
            }
        };
        session.getExecutor().execute(q);
        return q.get(30, TimeUnit.SECONDS);
    }

    /** True when every thread is stopped. */
    boolean allStopped() {
        try {
            MIThread[] ts = threads();
            if (ts.length == 0) {
                return false;
            }
            for (MIThread t : ts) {
                if (!"stopped".equals(t.getState())) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    static String function(MIThread t) {
        return t.getTopFrame() == null ? "" : t.getTopFrame().getFunction();
    }

    @Override
    public void close() {
        session.getExecutor().execute(() -> {
            IGDBControl c = tracker.getService(IGDBControl.class);
            if (c != null) {
                c.removeEventListener(records);
                c.removeCommandListener(commands);
            }
            tracker.dispose();
        });
    }
}
