package org.emu4e.launch.ui;

import org.eclipse.cdt.debug.gdbjtag.core.IGDBJtagConstants;
import org.eclipse.cdt.debug.gdbjtag.ui.GDBJtagDSFDebuggerTab;
import org.eclipse.cdt.debug.gdbjtag.ui.GDBJtagStartupTab;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTabGroup;
import org.eclipse.debug.ui.CommonTab;
import org.eclipse.debug.ui.ILaunchConfigurationDialog;
import org.eclipse.debug.ui.ILaunchConfigurationTab;
import org.eclipse.debug.ui.sourcelookup.SourceLookupTab;
import org.emu4e.core.launch.VirtLaunchConstants;
import org.emu4e.launch.internal.SessionAttributes;
import org.emu4e.ui.internal.launch.FirmwareTab;
import org.emu4e.ui.internal.launch.MachineTab;

/**
 * The tabs of "Emulated ARM Target (emu4e)" in debug mode: emu4e's Firmware and Machine tabs,
 * CDT's GDB Hardware Debugging Debugger and Startup tabs (GDB, device, symbols, stop at main),
 * Source (the lookup path; its "Default" entry is the firmware's directory and CDT's defaults)
 * and Common, in the order of CDT's GDB Hardware Debugging group. New configurations get emu4e's debugger defaults after CDT's own.
 */
public class DebugTabs extends AbstractLaunchConfigurationTabGroup {

    @Override
    public void createTabs(ILaunchConfigurationDialog dialog, String mode) {
        setTabs(new ILaunchConfigurationTab[] { new FirmwareTab(), new MachineTab(), new GDBJtagDSFDebuggerTab(),
                new GDBJtagStartupTab(), new SourceLookupTab(), new CommonTab() });
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy config) {
        super.setDefaults(config);
        SessionAttributes.defaults(config);
        config.setAttribute(VirtLaunchConstants.ATTR_DEBUG_NAME, VirtLaunchConstants.DEFAULT_DEBUG_NAME);
        config.setAttribute(VirtLaunchConstants.ATTR_SET_STOP_AT, VirtLaunchConstants.DEFAULT_SET_STOP_AT);
        config.setAttribute(VirtLaunchConstants.ATTR_STOP_AT, VirtLaunchConstants.DEFAULT_STOP_AT);
        config.setAttribute(VirtLaunchConstants.ATTR_SET_RESUME, VirtLaunchConstants.DEFAULT_SET_RESUME);
        config.setAttribute(IGDBJtagConstants.ATTR_LOAD_IMAGE, false);
        config.setAttribute(IGDBJtagConstants.ATTR_LOAD_SYMBOLS, true);
        config.setAttribute(IGDBJtagConstants.ATTR_USE_PROJ_BINARY_FOR_SYMBOLS, true);
        config.setAttribute(IGDBJtagConstants.ATTR_DO_RESET, false);
        config.setAttribute(IGDBJtagConstants.ATTR_DO_HALT, false);
        config.setAttribute(IGDBJtagConstants.ATTR_DELAY, 0);
        config.setAttribute(IGDBJtagConstants.ATTR_CONNECTION, "gdb:127.0.0.1:1234#");
    }
}
