package org.emu4e.ui.internal.launch;

import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.IStatusHandler;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;

/**
 * Asked (from the launch job) when a configuration is launched while its machine still runs:
 * "terminate it and launch again?". Status handlers are the debug framework's way to ask the
 * user during a launch; the launch job waits for the answer.
 */
public class AlreadyRunningStatusHandler implements IStatusHandler {

    @Override
    public Object handleStatus(IStatus status, Object source) {
        String name = source instanceof ILaunchConfiguration c ? c.getName() : "The configuration";
        AtomicBoolean answer = new AtomicBoolean();
        Display display = PlatformUI.getWorkbench().getDisplay();
        if (display.isDisposed()) {
            return Boolean.FALSE;
        }
        display.syncExec(() -> answer.set(MessageDialog.openQuestion(display.getActiveShell(), "emu4e machine running",
                "'" + name + "' is still running.\n\nTerminate it and launch it again?")));
        return answer.get();
    }
}
