package org.emu4e.launch.internal;

import java.util.Map;

import org.eclipse.cdt.debug.gdbjtag.core.dsf.gdb.service.GDBJtagControl_7_12;
import org.eclipse.cdt.dsf.concurrent.RequestMonitorWithProgress;
import org.eclipse.cdt.dsf.concurrent.Sequence;
import org.eclipse.cdt.dsf.mi.service.command.CommandFactory;
import org.eclipse.cdt.dsf.service.DsfSession;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;

/**
 * CDT's GDB Hardware Debugging control (GDB 7.12 and newer); its final launch sequence sees the
 * configuration's attributes completed by {@link SessionAttributes} (the real stub port).
 */
public class VirtGdbControl extends GDBJtagControl_7_12 {

    public VirtGdbControl(DsfSession session, ILaunchConfiguration config, CommandFactory factory) {
        super(session, config, factory);
    }

    @Override
    protected Sequence getCompleteInitializationSequence(Map<String, Object> attributes,
            RequestMonitorWithProgress rm) {
        ILaunch launch = (ILaunch) getSession().getModelAdapter(ILaunch.class);
        SessionAttributes.complete(attributes, launch);
        return super.getCompleteInitializationSequence(attributes, rm);
    }
}
