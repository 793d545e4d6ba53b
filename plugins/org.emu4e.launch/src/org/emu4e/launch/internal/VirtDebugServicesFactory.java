package org.emu4e.launch.internal;

import org.eclipse.cdt.debug.gdbjtag.core.dsf.gdb.service.GdbJtagDebugServicesFactory;
import org.eclipse.cdt.dsf.debug.service.command.ICommandControl;
import org.eclipse.cdt.dsf.gdb.service.command.CommandFactory_6_8;
import org.eclipse.cdt.dsf.service.DsfSession;
import org.eclipse.debug.core.ILaunchConfiguration;

/** CDT's GDB Hardware Debugging services, with a command control that knows the machine's port. */
public class VirtDebugServicesFactory extends GdbJtagDebugServicesFactory {

    public VirtDebugServicesFactory(String version, ILaunchConfiguration config) {
        super(version, config);
    }

    @Override
    protected ICommandControl createCommandControl(DsfSession session, ILaunchConfiguration config) {
        return new VirtGdbControl(session, config, new CommandFactory_6_8());
    }
}
