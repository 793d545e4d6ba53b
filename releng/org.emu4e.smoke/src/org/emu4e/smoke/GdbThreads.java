package org.emu4e.smoke;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.cdt.dsf.concurrent.DataRequestMonitor;
import org.eclipse.cdt.dsf.concurrent.Query;
import org.eclipse.cdt.dsf.gdb.launching.GdbLaunch;
import org.eclipse.cdt.dsf.gdb.service.command.IGDBControl;
import org.eclipse.cdt.dsf.mi.service.command.output.MIThread;
import org.eclipse.cdt.dsf.mi.service.command.output.MIThreadInfoInfo;
import org.eclipse.cdt.dsf.service.DsfServicesTracker;
import org.eclipse.cdt.dsf.service.DsfSession;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.ILaunch;
import org.osgi.framework.FrameworkUtil;

/**
 * GDB's thread list of a DSF-GDB launch ({@code -thread-info} through the session's own command
 * control). The only class here that needs CDT: nothing loads it in a platform without CDT.
 */
final class GdbThreads {
    /** One GDB thread: id, "stopped"/"running", the top frame's function, GDB's details (emu4e: "CPU#n [state]"). */
    record GdbThread(String id, String state, String function, String details) {
        @Override
        public String toString() {
            return "#" + id + " " + state + " in " + function + " (" + details + ")";
        }
    }

    private GdbThreads() {
    }

    static boolean isDsfGdb(ILaunch launch) {
        return launch instanceof GdbLaunch;
    }

    static List<GdbThread> of(ILaunch launch) throws Exception {
        DsfSession session = ((GdbLaunch) launch).getSession();
        if (session == null || !session.isActive()) {
            return List.of();
        }
        DsfServicesTracker tracker = new DsfServicesTracker(
                FrameworkUtil.getBundle(GdbThreads.class).getBundleContext(), session.getId());
        try {
            Query<MIThreadInfoInfo> q = new Query<>() {
                @Override
                protected void execute(DataRequestMonitor<MIThreadInfoInfo> rm) {
                    IGDBControl c = tracker.getService(IGDBControl.class);
                    if (c == null) {
                        rm.done(Status.error("the DSF-GDB session has no command control yet"));
                        return;
                    }
                    c.queueCommand(c.getCommandFactory().createMIThreadInfo(c.getContext()), rm);
                }
            };
            session.getExecutor().execute(q);
            List<GdbThread> out = new ArrayList<>();
            for (MIThread t : q.get(20, TimeUnit.SECONDS).getThreadList()) {
                String function = t.getTopFrame() == null ? "" : t.getTopFrame().getFunction();
                out.add(new GdbThread(t.getThreadId(), t.getState(), function, t.getDetails()));
            }
            return out;
        } finally {
            session.getExecutor().execute(tracker::dispose);
        }
    }

    /**
     * Null when GDB shows the demo as a debug launch of it must start: 4 threads, one per vCPU
     * ("CPU#0" to "CPU#3"), all stopped, thread 1 (the boot CPU) in main; else what differs.
     */
    static String whyNotStoppedAtMain(List<GdbThread> threads) {
        if (threads.size() != 4) {
            return threads.size() + " threads, not 4";
        }
        for (int i = 0; i < threads.size(); i++) {
            GdbThread t = threads.get(i);
            if (!"stopped".equals(t.state())) {
                return "thread " + t.id() + " is " + t.state();
            }
            if (t.details() == null || !t.details().startsWith("CPU#" + i)) {
                return "thread " + t.id() + " is not vCPU " + i + ": " + t.details();
            }
        }
        GdbThread boot = threads.get(0);
        return "main".equals(boot.function()) ? null : "the boot CPU is in '" + boot.function() + "', not main";
    }
}
