package org.emu4e.launch.internal;

import org.eclipse.cdt.dsf.gdb.launching.GdbLaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.ISourceLocator;
import org.emu4e.core.launch.VirtLaunchConstants;

/** CDT's launch with emu4e's default GDB (an AArch64-capable one). */
public class VirtGdbLaunch extends GdbLaunch {

    public VirtGdbLaunch(ILaunchConfiguration config, String mode, ISourceLocator locator) {
        super(config, mode, locator);
    }

    @Override
    protected String getDefaultGDBPath() {
        return VirtLaunchConstants.DEFAULT_DEBUG_NAME;
    }
}
