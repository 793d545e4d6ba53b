package org.emu4e.launch.ui.tests;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.eclipse.cdt.dsf.debug.service.command.ICommandListener;
import org.eclipse.cdt.dsf.debug.service.command.ICommandResult;
import org.eclipse.cdt.dsf.debug.service.command.ICommandToken;
import org.eclipse.cdt.dsf.debug.service.command.IEventListener;
import org.eclipse.cdt.dsf.gdb.launching.GdbLaunch;
import org.eclipse.cdt.dsf.gdb.service.command.IGDBControl;
import org.eclipse.cdt.dsf.service.DsfServicesTracker;
import org.osgi.framework.FrameworkUtil;

/**
 * The MI commands DSF queued and sent to GDB, their results and the records GDB printed, in order
 * (shown when a test fails): a command queued but never sent, or never queued, tells where it stopped.
 */
final class MiTrace {
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    MiTrace(GdbLaunch launch) {
        DsfServicesTracker tracker = new DsfServicesTracker(FrameworkUtil.getBundle(MiTrace.class).getBundleContext(),
                launch.getSession().getId());
        IEventListener records = output -> lines.add("<- " + output);
        ICommandListener commands = new ICommandListener() {
            @Override
            public void commandQueued(ICommandToken token) {
                lines.add(".. queued " + token.getCommand());
            }

            @Override
            public void commandSent(ICommandToken token) {
                lines.add("-> " + token.getCommand());
            }

            @Override
            public void commandRemoved(ICommandToken token) {
            }

            @Override
            public void commandDone(ICommandToken token, ICommandResult result) {
                lines.add("<= " + token.getCommand() + " -> " + result);
            }
        };
        launch.getSession().getExecutor().execute(() -> {
            IGDBControl c = tracker.getService(IGDBControl.class);
            c.addEventListener(records);
            c.addCommandListener(commands);
            tracker.dispose();
        });
    }

    /** The last {@code n} lines. */
    String tail(int n) {
        synchronized (lines) {
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        }
    }
}
